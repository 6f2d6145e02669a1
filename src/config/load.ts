// Finding, parsing and validating the config file.
// Order: --config FILE, REVIEWS_CONFIG, ./reviews.config.{yaml,yml,json}, $XDG_CONFIG_HOME/reviews/config.yaml.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { parseDocument as yamlParseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import { adapterFor, adaptersForSite } from "../adapters/registry.js";
import { keysOf } from "../adapters/keys.js";
import { ConfigSchema, type Config, type SourceBase } from "./schema.js";
import { findConfigFile, userConfigFile } from "./paths.js";

export { findConfigFile, LOCAL_CONFIG_NAMES } from "./paths.js";

export interface LoadedConfig {
  config: Config;
  file: string;
  /** Folder holding the config file (user templates live beside it). */
  dir: string;
  /** Things worth telling the user that do not stop the run. */
  warnings: string[];
}

const SECRET_KEY = /(api[_-]?key|token|secret|password|passwd)$/i;

/** Keys that look like secrets: they are ignored (secrets come from the environment) and risky here. */
export function secretLikeKeys(value: unknown, path: PropertyKey[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretLikeKeys(v, [...path, i]));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === "string" && SECRET_KEY.test(k) && !/Env$/.test(k)
      ? [formatPath([...path, k])]
      : secretLikeKeys(v, [...path, k]),
  );
}

export function loadConfig(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): LoadedConfig {
  const file = findConfigFile(flag, env, cwd);
  if (!file) {
    throw new ConfigError(
      `no config file found (looked for --config, REVIEWS_CONFIG, ./reviews.config.yaml and ${userConfigFile()}): run "reviews init" to write one, or "reviews demo" to try the tool`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code})`;
    throw new ConfigError(`${file} ${why}: check the path given with --config or REVIEWS_CONFIG`, file);
  }
  const warnings: string[] = [];
  const secrets = secretLikeKeys(parseDocument(text, file));
  if (secrets.length) {
    let mode = 0;
    try {
      mode = fs.statSync(file).mode;
    } catch {
      // unreadable metadata: the warning below still applies
    }
    const shared = (mode & 0o044) !== 0 ? ", and other users of this machine can read the file" : "";
    warnings.push(
      `${file} holds what looks like a secret (${secrets.join(", ")})${shared}: secrets are read only from the environment; remove it from the file and set the environment variable instead`,
    );
  }
  return { config: parseConfigText(text, file), file, dir: path.dirname(file), warnings };
}

function parseDocument(text: string, file: string): unknown {
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON (${(err as Error).message}): fix the file`, file);
    }
  }
  return yamlParse(text, file);
}

function yamlParse(text: string, file: string): unknown {
  const doc = yamlParseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : "somewhere";
    throw new ConfigError(
      `${file}: YAML error at ${where}: ${(first.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}: fix the file`,
      file,
    );
  }
  return doc.toJS() as unknown;
}

/** `["sources", 2, "placeId"]` → `sources[2].placeId`. */
export function formatPath(p: readonly PropertyKey[]): string {
  let out = "";
  for (const part of p) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(top level)";
}

function issueText(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  const where = formatPath([...prefix, ...issue.path]);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return `${where}: unknown key ${keys}: check the spelling (see the README's config reference)`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `${where}: missing: ${issue.message.replace(/^Invalid input: /, "")}`;
  }
  return `${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
}

/** For read-only commands: the config when there is one, else defaults (list/show work on any database). */
export function loadConfigOrDefaults(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): LoadedConfig {
  if (!findConfigFile(flag, env, cwd)) {
    return {
      config: ConfigSchema.parse({ business: { name: "your business" } }),
      file: "(defaults)",
      dir: cwd,
      warnings: [],
    };
  }
  return loadConfig(flag, env, cwd);
}

export function parseConfigText(text: string, file: string): Config {
  const raw = parseDocument(text, file) ?? {};
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : "";
    throw new ConfigError(`${file}: ${issueText(issue)}${more}`, file);
  }
  const config = result.data;
  const seen = new Set<string>();
  config.sources.forEach((source, i) => {
    if (seen.has(source.id)) {
      throw new ConfigError(
        `${file}: sources[${i}].id: "${source.id}" is used twice: give each source its own id`,
        file,
      );
    }
    seen.add(source.id);
    validateSourceKeys(source, i, file);
  });
  return config;
}

function validateSourceKeys(source: SourceBase, index: number, file: string): void {
  const adapter = adapterFor(source);
  if (!adapter) {
    const known = adaptersForSite(source.site);
    const hint = known.length
      ? `expected the keys of ${known.map((a) => a.title).join(" or ")}`
      : `the site "${source.site}" is not supported by this version yet`;
    throw new ConfigError(`${file}: sources[${index}]: ${hint}`, file);
  }
  const result = keysOf(adapter.method).safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${file}: ${issueText(issue, ["sources", index])} (${adapter.title})`, file);
  }
}
