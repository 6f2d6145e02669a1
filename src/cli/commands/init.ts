// `reviews init`: a commented starter config, asked for on a terminal, from flags otherwise.
import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context.js";
import { UsageError } from "../../errors.js";
import { parseConfigText } from "../../config/load.js";
import { isValidTimeZone } from "../../domain/dates.js";

export interface InitFlags {
  out?: string;
  name?: string;
  email?: string;
  contactName?: string;
  phone?: string;
  timezone?: string;
  placeId?: string;
  input: boolean;
  force?: boolean;
}

/** A YAML double-quoted scalar. */
function q(value: string): string {
  return JSON.stringify(value);
}

export function starterConfig(a: {
  name: string;
  email?: string;
  contactName?: string;
  phone?: string;
  timezone: string;
  placeId?: string;
}): string {
  const contact = [
    a.contactName ? `name: ${q(a.contactName)}` : null,
    a.email ? `email: ${q(a.email)}` : null,
    a.phone ? `phone: ${q(a.phone)}` : null,
  ].filter(Boolean);
  return `# reviews — configuration. Reference: the README's "Config reference".
# Secrets (API keys, tokens) never go in this file: put them in the environment,
# e.g. GOOGLE_PLACES_API_KEY=... (or GOOGLE_PLACES_API_KEY_FILE=/path/to/file).

business:
  name: ${q(a.name)}
  # Given to unhappy reviewers so the conversation moves off the public page.
  contact: { ${contact.join(", ")} }
  # How replies are signed.
  signature: ${q(a.contactName ? `${a.contactName}, ${a.name}` : a.name)}
  # IANA time zone: dates are shown in it.
  timezone: ${q(a.timezone)}

# A review with this many stars or fewer is negative (also a "not recommended" on Facebook).
negative: { maxRating: 2 }

# Reply deadlines, in hours.
replyWithinHours: { negative: 24, other: 72 }

sources:
${
  a.placeId
    ? `  - id: google-main
    site: google
    # Google place id: find it with Google's "Place ID Finder".
    placeId: ${q(a.placeId)}
    # Needs GOOGLE_PLACES_API_KEY in the environment. Sees at most 5 reviews.
`
    : `  # Add one entry per page where customers review you, for example:
  # - id: google-main
  #   site: google
  #   placeId: "ChIJ..."      # needs GOOGLE_PLACES_API_KEY in the environment
`
}`;
}

export async function run(ctx: AppContext, flags: InitFlags): Promise<number> {
  const io = ctx.io;
  const out = path.resolve(ctx.cwd, flags.out ?? ctx.globals.config ?? "reviews.config.yaml");
  if (fs.existsSync(out) && !flags.force) {
    throw new UsageError(`${out} already exists: edit it, or pass --force to overwrite it`);
  }
  const interactive = flags.input && process.stdin.isTTY === true && io.isErrTTY;
  const answers = { ...flags };
  if (interactive) {
    const readline = await import("node:readline/promises");
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const ask = async (question: string, current: string | undefined, fallback = "") => {
      if (current) return current;
      const a = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ""}: `)).trim();
      return a || fallback || undefined;
    };
    try {
      answers.name = await ask("Business name", flags.name);
      answers.contactName = await ask("Who answers reviews (first name)", flags.contactName);
      answers.email = await ask("Contact e-mail for unhappy customers", flags.email);
      answers.phone = await ask("Contact phone (optional)", flags.phone);
      answers.timezone = await ask(
        "Time zone",
        flags.timezone,
        Intl.DateTimeFormat().resolvedOptions().timeZone,
      );
      answers.placeId = await ask("Google place id (optional, ChIJ…)", flags.placeId);
    } finally {
      rl.close();
    }
  }
  if (!answers.name) {
    throw new UsageError(
      `the business name is needed: pass --name "Your Business" (or run reviews init on a terminal)`,
    );
  }
  const timezone = answers.timezone ?? "UTC";
  if (!isValidTimeZone(timezone))
    throw new UsageError(`--timezone ${timezone}: expected an IANA time zone such as Asia/Ho_Chi_Minh`);
  const text = starterConfig({ ...answers, name: answers.name, timezone });
  parseConfigText(text, out); // never write a file the tool itself would reject
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text, { mode: 0o600 });
  io.err(`Wrote ${out}.`);
  io.err(
    answers.placeId
      ? "Next: export GOOGLE_PLACES_API_KEY=... and run: reviews check"
      : "Next: add your review pages under sources: (see the README), then run: reviews check",
  );
  return 0;
}
