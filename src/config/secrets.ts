// Secrets come only from the environment, or from a file named by `<NAME>_FILE`. Never from flags.
import fs from "node:fs";
import { MissingSecretError } from "../errors.js";
import { registerSecret } from "../util/redact.js";

export function readSecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const direct = env[name]?.trim();
  if (direct) {
    registerSecret(direct);
    return direct;
  }
  const file = env[`${name}_FILE`];
  if (file) {
    let value: string;
    try {
      value = fs.readFileSync(file, "utf8").trim();
    } catch {
      throw new MissingSecretError(
        `${name}_FILE names ${file}, which cannot be read: check the path and its permissions`,
      );
    }
    if (value) {
      registerSecret(value);
      return value;
    }
  }
  return undefined;
}

/** A secret a source cannot work without. `who` names the source for the message. */
export function requireSecret(
  name: string,
  who: string,
  purpose: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const value = readSecret(name, env);
  if (!value) {
    throw new MissingSecretError(
      `${who} needs ${purpose} in the environment variable ${name}: set it (or ${name}_FILE to a file holding it) and run again`,
    );
  }
  return value;
}
