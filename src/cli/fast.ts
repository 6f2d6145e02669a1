// `reviews --help`, `reviews <command> --help` and `--version` without loading the CLI: the build
// renders every help text with the real commander program (scripts/build.js → dist/help.json), and
// this module, which imports nothing but node:fs, prints the saved text. Anything else returns false
// and the bin shim loads the full CLI. Help is never wider than 80 columns (program.ts), so the saved
// text is what commander would print on any pipe or terminal of 80 columns or more.
import fs from "node:fs";

export interface HelpCache {
  version: string;
  /** "" for the program's own help, else a top-level command's name. */
  help: Record<string, string>;
}

/** Which saved text an argument list asks for, or null when the full CLI must answer. */
export function cachedOutput(
  argv: readonly string[],
  cache: HelpCache,
  columns: number | undefined,
): string | null {
  if (columns !== undefined && columns < 80) return null;
  const [a, b, ...rest] = argv;
  if (rest.length) return null;
  const isHelp = (s: string | undefined) => s === "--help" || s === "-h";
  if (b === undefined) {
    if (a === "--version" || a === "-V") return `${cache.version}\n`;
    if (isHelp(a) || a === "help") return cache.help[""] ?? null;
    return null;
  }
  if (a === "help") return cache.help[b] ?? null;
  if (a !== undefined && !a.startsWith("-") && isHelp(b)) return cache.help[a] ?? null;
  return null;
}

/** Print the saved answer and return true, or return false (no cache, or not a help/version call). */
export function fastPath(argv: readonly string[], cacheFile: URL): boolean {
  let cache: HelpCache;
  try {
    cache = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as HelpCache;
  } catch {
    return false;
  }
  const out = cachedOutput(argv, cache, process.stdout.isTTY ? process.stdout.columns : undefined);
  if (out === null) return false;
  try {
    fs.writeSync(1, out);
  } catch (err) {
    // A reader that closed early (`reviews --help | head -1`) is not an error.
    if ((err as NodeJS.ErrnoException).code !== "EPIPE") throw err;
  }
  return true;
}
