// The validated config, kept between runs: parsing YAML and validating with zod costs more than the
// whole of a `list` or `stats` on a big database (BENCHMARKS.md, Startup), and the file rarely
// changes. One cache file per config path, holding the validated config under a key made of the
// build of reviews that validated it, the file's text and whether others can read it (the one
// warning that depends on it). Any change of either, or an unreadable cache, means the file is parsed
// and validated again. Failed loads are never cached. Only the bundled CLI caches (scripts/build.js
// gives it its build id); dist/ modules and tests run from src/ always validate.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { LoadedConfig } from "./load.js";
import { userCacheDir } from "./paths.js";

declare const __REVIEWS_BUILD_ID__: string | undefined;
const BUILD_ID = typeof __REVIEWS_BUILD_ID__ === "string" ? __REVIEWS_BUILD_ID__ : null;

interface Entry {
  key: string;
  loaded: Omit<LoadedConfig, "dir">;
}

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/**
 * The config from `file` (or the defaults when `file` is null), from the cache when it holds this
 * exact text for this build, else from `load` (then cached).
 */
export function cachedLoad(
  file: string | null,
  cwd: string,
  load: () => Promise<LoadedConfig>,
  buildId: string | null = BUILD_ID,
  cacheDir: string = path.join(userCacheDir(), "config"),
): Promise<LoadedConfig> {
  if (!buildId) return load();
  let text = "";
  let shared = 0;
  if (file) {
    try {
      const stat = fs.statSync(file);
      // A pipe or /dev/stdin can be read only once: the loader reads it, nothing is cached.
      if (!stat.isFile()) return load();
      shared = stat.mode & 0o044;
      text = fs.readFileSync(file, "utf8");
    } catch {
      return load(); // the loader says what is wrong with the file
    }
  }
  const key = sha256(JSON.stringify([buildId, file, text, shared]));
  const cacheFile = path.join(cacheDir, `${sha256(file ?? "(defaults)").slice(0, 32)}.json`);
  try {
    const entry = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as Entry;
    if (entry.key === key && entry.loaded && typeof entry.loaded.config === "object") {
      return Promise.resolve({ ...entry.loaded, dir: file ? path.dirname(file) : cwd });
    }
  } catch {
    // no cache yet, or an unreadable one: validate
  }
  return load().then((loaded) => {
    save(cacheDir, cacheFile, {
      key,
      loaded: { config: loaded.config, file: loaded.file, warnings: loaded.warnings },
    });
    return loaded;
  });
}

function save(dir: string, file: string, entry: Entry): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}
