// Where files live: XDG on Linux (env-paths follows the platform's conventions elsewhere).
import envPaths from "env-paths";
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
