// Typed errors, caught once in cli/main.ts and turned into an exit code and one line of text.

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** Something broke at run time (database, disk, a bug). */
  failure: 1,
  /** Wrong flags, bad config, a missing secret: the user must change something. */
  usage: 2,
  /** Some sources failed; the others were fetched and stored. */
  partial: 3,
  /** Another run holds the lock on the database. */
  locked: 4,
  /** The draft checker found problems (`draft --check`, `templates check`). */
  findings: 5,
  /** Interrupted (SIGINT/SIGTERM); what was fetched so far is stored. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base for errors whose message is written for the owner: what happened and what to do. */
export class ReviewsError extends Error {
  readonly exitCode: ExitCode = ExitCode.failure;
}

export class UsageError extends ReviewsError {
  override readonly exitCode = ExitCode.usage;
}

export class ConfigError extends ReviewsError {
  override readonly exitCode = ExitCode.usage;
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** A secret (API key, token) the configuration needs is not in the environment. */
export class MissingSecretError extends ConfigError {}

export class StoreError extends ReviewsError {}

export class LockedError extends ReviewsError {
  override readonly exitCode = ExitCode.locked;
}

export const SOURCE_ERROR_KINDS = [
  "auth",
  "not-found",
  "rate-limited",
  "blocked",
  "layout-changed",
  "network",
  "timeout",
  "invalid-response",
  "config",
] as const;
export type SourceErrorKind = (typeof SOURCE_ERROR_KINDS)[number];

/**
 * One source could not be fetched. `message` says what happened and the fix, e.g.
 * "Google rejected the API key (400 API_KEY_INVALID): check GOOGLE_PLACES_API_KEY".
 */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly details: { status?: number; retryAfter?: string; step?: string } = {},
  ) {
    super(message);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
