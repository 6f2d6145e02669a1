// Where files live: XDG on Linux (env-paths follows the platform's conventions elsewhere).
import envPaths from "env-paths";
import fs from "node:fs";
import path from "node:path";

const paths = envPaths("reviews", { suffix: "" });

export function userConfigFile(): string {
  return path.join(paths.config, "config.yaml");
}

export function userConfigDir(): string {
  return paths.config;
}

export function defaultDbFile(): string {
  return path.join(paths.data, "reviews.db");
}

export function userCacheDir(): string {
  return paths.cache;
}

export const LOCAL_CONFIG_NAMES = ["reviews.config.yaml", "reviews.config.yml", "reviews.config.json"];

/** Which config file applies: --config, REVIEWS_CONFIG, ./reviews.config.*, then the XDG one. */
export function findConfigFile(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string | undefined {
  if (flag) return path.resolve(cwd, flag);
  if (env["REVIEWS_CONFIG"]) return path.resolve(cwd, env["REVIEWS_CONFIG"]);
  for (const name of LOCAL_CONFIG_NAMES) {
    const candidate = path.join(cwd, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  const user = userConfigFile();
  return fs.existsSync(user) ? user : undefined;
}
