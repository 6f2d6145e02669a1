// The `email:` block of the config: who the digest goes to and how it is sent.
// The SMTP password never lives in the file: `passwordEnv` names the environment variable holding it.
import { z } from "zod";

const NO_CRLF = /^[^\r\n]*$/;
const ADDRESS = /^[^\s@<>"',;:\\]+@[^\s@<>"',;:\\]+\.[^\s@<>"',;:\\]+$/;

/** "care@example.com" or "Gió Mùa Kitchen <care@example.com>". */
export function isMailbox(value: string): boolean {
  if (!NO_CRLF.test(value)) return false;
  const m = /^\s*(?:([^<>"]*?)\s*)?<([^<>]+)>\s*$/.exec(value);
  if (m) return ADDRESS.test(m[2]!);
  return ADDRESS.test(value.trim());
}

/** A bare address (no display name): recipients. */
export function isAddress(value: string): boolean {
  return ADDRESS.test(value.trim());
}

const mailbox = z.string().refine(isMailbox, {
  message: 'expected an e-mail address, e.g. digest@example.com or "Gió Mùa Kitchen <digest@example.com>"',
});

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: "expected an environment variable name, e.g. REVIEWS_SMTP_PASSWORD",
});

export const EmailConfigSchema = z.strictObject({
  /** The sender: "Reviews <digest@example.com>". */
  from: mailbox.optional(),
  /** Recipients when `--to` is not given. */
  to: z
    .array(z.string().refine(isAddress, { message: "expected an e-mail address, e.g. owner@example.com" }))
    .min(1, { message: "expected at least one recipient" })
    .optional(),
  smtp: z
    .strictObject({
      host: z
        .string()
        .min(1, { message: "expected the SMTP server's host name" })
        .regex(/^[^\s/:@]+$/, {
          message: "expected a host name only, e.g. smtp.example.com",
        }),
      port: z.number().int().min(1).max(65535).default(587),
      /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
      secure: z.boolean().optional(),
      user: z.string().optional(),
      /** Name of the environment variable holding the SMTP password. */
      passwordEnv: envName.optional(),
    })
    .optional(),
  /** Send through the local sendmail binary (true: /usr/sbin/sendmail, or its path). */
  sendmail: z
    .union([z.boolean(), z.string().regex(/^\//, { message: "expected an absolute path" })])
    .optional(),
});

export type EmailConfig = z.infer<typeof EmailConfigSchema>;
