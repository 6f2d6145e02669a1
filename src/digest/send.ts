// Sending the digest: a multipart (text + HTML) message through SMTP or the local sendmail.
// nodemailer may read no file and fetch no URL; nothing from a review reaches a header unsanitised;
// the SMTP password never appears in a message or an error.
import nodemailer from "nodemailer";
import type { Config } from "../config/schema.js";
import { readSecret, requireSecret } from "../config/secrets.js";
import { ConfigError, ReviewsError, UsageError, errorMessage } from "../errors.js";
import { redact, registerSecret } from "../util/redact.js";
import { cleanLine, truncate } from "../util/sanitize.js";
import { isAddress, isMailbox, type EmailConfig } from "./config.js";
import { headlineOf } from "./labels.js";
import type { DigestModel } from "./model.js";
import { renderHtml } from "./render-html.js";
import { renderText } from "./render-text.js";

/** The message could not be sent (connection, authentication, refusal). Exit code 1. */
export class MailError extends ReviewsError {}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

export type TransportSpec =
  | { kind: "smtp-url"; url: string; host: string; port: number; secure: boolean; user: string | null }
  | {
      kind: "smtp";
      host: string;
      port: number;
      secure: boolean;
      user: string | null;
      password: string | null;
    }
  | { kind: "sendmail"; path: string };

export interface SendOptions {
  transport: TransportSpec;
  from: string;
  to: string[];
  /** Connection, greeting and socket timeouts (default 30 s). */
  timeoutMs?: number;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** One header line: no CR/LF or other controls, no escape sequences, bounded length. */
export function headerSafe(value: string, max = 200): string {
  return truncate(
    cleanLine(value)
      .replace(/[\r\n\u2028\u2029\u0085]+/g, " ")
      .replace(/\uFFFD/g, "")
      .replace(/\s{2,}/g, " ")
      .trim(),
    max,
  );
}

export function renderAll(model: DigestModel): RenderedDigest {
  return { subject: headerSafe(headlineOf(model)), text: renderText(model), html: renderHtml(model) };
}

function emailConfig(config: Config): EmailConfig | undefined {
  return config.email;
}

/**
 * Where to send from, in this order: REVIEWS_SMTP_URL (or REVIEWS_SMTP_URL_FILE), the config's
 * email.smtp, the config's email.sendmail. Throws ConfigError naming the fix when there is none.
 */
export function resolveTransport(config: Config, env: NodeJS.ProcessEnv): TransportSpec {
  const url = readSecret("REVIEWS_SMTP_URL", env);
  if (url) return parseSmtpUrl(url);
  const email = emailConfig(config);
  if (email?.smtp) {
    const s = email.smtp;
    const password = s.passwordEnv
      ? requireSecret(s.passwordEnv, "email.smtp", "the SMTP password (email.smtp.passwordEnv)", env)
      : null;
    if (password) registerSecret(password);
    if (password && !s.user)
      throw new ConfigError("email.smtp has passwordEnv but no user: add email.smtp.user (the SMTP login)");
    return {
      kind: "smtp",
      host: s.host,
      port: s.port,
      secure: s.secure ?? s.port === 465,
      user: s.user ?? null,
      password,
    };
  }
  if (email?.sendmail) {
    return {
      kind: "sendmail",
      path: typeof email.sendmail === "string" ? email.sendmail : "/usr/sbin/sendmail",
    };
  }
  throw new ConfigError(
    "no way to send e-mail is set up: set REVIEWS_SMTP_URL (e.g. smtps://user:password@smtp.example.com:465), " +
      "or add email.smtp { host, port, user, passwordEnv } (or email.sendmail: true) to the config",
  );
}

/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS). */
export function parseSmtpUrl(value: string): TransportSpec {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(
      "REVIEWS_SMTP_URL is not a URL: expected smtp://user:password@host:587 or smtps://user:password@host:465",
    );
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:")
    throw new ConfigError(
      `REVIEWS_SMTP_URL must start with smtp:// or smtps:// (it starts with ${cleanLine(u.protocol)}//)`,
    );
  if (!u.hostname)
    throw new ConfigError("REVIEWS_SMTP_URL has no host: expected smtp://user:password@host:587");
  registerSecret(value);
  if (u.password) {
    registerSecret(u.password);
    try {
      registerSecret(decodeURIComponent(u.password));
    } catch {
      // a malformed escape: the raw form is registered already
    }
  }
  const secure = u.protocol === "smtps:";
  let user: string | null = null;
  try {
    user = u.username ? decodeURIComponent(u.username) : null;
  } catch {
    user = u.username;
  }
  return {
    kind: "smtp-url",
    url: value,
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user,
  };
}

/** Recipients: --to, else email.to. Each must be a bare address (no header tricks). */
export function resolveRecipients(config: Config, to: string[] | undefined): string[] {
  const list = to?.length
    ? to
        .flatMap((t) => t.split(","))
        .map((t) => t.trim())
        .filter(Boolean)
    : emailConfig(config)?.to;
  if (!list?.length)
    throw new ConfigError(
      "no recipient: pass --to owner@example.com or add email.to: [owner@example.com] to the config",
    );
  for (const addr of list) {
    if (!isAddress(addr))
      throw new UsageError(
        `--to ${headerSafe(addr, 80)}: not an e-mail address (expected e.g. owner@example.com)`,
      );
  }
  return list;
}

/** The sender: email.from, else REVIEWS_MAIL_FROM, else the SMTP login when it is an address. */
export function resolveFrom(config: Config, env: NodeJS.ProcessEnv, transport: TransportSpec): string {
  const candidates = [emailConfig(config)?.from, env["REVIEWS_MAIL_FROM"]];
  for (const c of candidates) {
    if (c == null || c === "") continue;
    if (!isMailbox(c))
      throw new ConfigError(
        `the sender "${headerSafe(c, 80)}" is not an e-mail address: set email.from to e.g. digest@example.com`,
      );
    return c.trim();
  }
  if (transport.kind !== "sendmail" && transport.user && isAddress(transport.user)) return transport.user;
  throw new ConfigError(
    'no sender address: add email.from (e.g. "Reviews <digest@example.com>") to the config',
  );
}

function where(t: TransportSpec): string {
  return t.kind === "sendmail" ? `sendmail (${t.path})` : `${t.host}:${t.port}`;
}

function nodemailerTransport(t: TransportSpec, timeoutMs: number) {
  const common = {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  };
  if (t.kind === "sendmail")
    return nodemailer.createTransport({ sendmail: true, newline: "unix", path: t.path, ...common });
  if (t.kind === "smtp-url") {
    // nodemailer parses the URL itself (query options such as ?tls.rejectUnauthorized=false stay possible)
    return nodemailer.createTransport(t.url, common);
  }
  return nodemailer.createTransport({
    host: t.host,
    port: t.port,
    secure: t.secure,
    ...(t.user ? { auth: { user: t.user, pass: t.password ?? "" } } : {}),
    ...common,
  });
}

interface MailErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** One line, the password and URL gone, with what to check. */
export function mailErrorMessage(err: unknown, t: TransportSpec): string {
  const e = (err && typeof err === "object" ? err : {}) as MailErrorLike;
  const detail = redact(cleanLine(e.response || errorMessage(err)));
  const at = where(t);
  let hint = "";
  switch (e.code) {
    case "EAUTH":
      hint =
        t.kind === "smtp-url"
          ? "the server refused the login: check the user and password in REVIEWS_SMTP_URL"
          : "the server refused the login: check email.smtp.user and the password in the variable named by email.smtp.passwordEnv";
      break;
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "EDNS":
      hint =
        "could not talk to the server: check the host and port (587 with smtp://, 465 with smtps://) and the network";
      break;
    case "ETLS":
      hint = "TLS failed: use smtps:// for port 465 and smtp:// for 587";
      break;
    case "EENVELOPE":
      hint = "the server refused the sender or a recipient: check email.from and the recipients";
      break;
    case "EMESSAGE":
    case "ESTREAM":
      hint = "the message could not be built";
      break;
    default:
      hint =
        t.kind === "sendmail"
          ? "sendmail failed: check that it is installed and configured"
          : "sending failed";
  }
  return truncate(`could not send the digest via ${at}: ${hint} (${detail})`, 400);
}

export async function sendDigest(
  model: DigestModel,
  rendered: RenderedDigest,
  options: SendOptions,
): Promise<SendResult> {
  const to = options.to.map((a) => headerSafe(a, 254));
  for (const a of to) if (!isAddress(a)) throw new UsageError(`not an e-mail address: ${a}`);
  const from = headerSafe(options.from, 254);
  if (!isMailbox(from)) throw new ConfigError(`the sender "${from}" is not an e-mail address`);
  const subject = headerSafe(rendered.subject) || headerSafe(headlineOf(model));
  const transport = nodemailerTransport(options.transport, options.timeoutMs ?? 30_000);
  try {
    const info = (await transport.sendMail({
      from,
      to,
      subject,
      text: rendered.text,
      html: rendered.html,
      date: new Date(model.generatedAt),
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      disableFileAccess: true,
      disableUrlAccess: true,
    })) as { messageId?: string; accepted?: unknown[]; rejected?: unknown[] };
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length && !(info.accepted ?? []).length)
      throw Object.assign(new Error(`every recipient was refused: ${rejected.join(", ")}`), {
        code: "EENVELOPE",
      });
    return { messageId: info.messageId ?? "", accepted: (info.accepted ?? []).map(String), rejected };
  } catch (err) {
    if (err instanceof ReviewsError) throw err;
    throw new MailError(mailErrorMessage(err, options.transport));
  } finally {
    transport.close();
  }
}
