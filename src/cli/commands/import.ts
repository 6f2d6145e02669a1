// `reviews import FILE --source ID`: reviews from our exports, mapped spreadsheets, the old Zomato API.
import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context.js";
import { ExitCode, UsageError } from "../../errors.js";
import { SITES, type Site } from "../../domain/review.js";
import { cleanLine } from "../../util/sanitize.js";

const MAX_BYTES = 200 * 1024 * 1024;

export async function run(
  ctx: AppContext,
  file: string,
  flags: { source: string; site?: string; format?: string; json?: boolean },
): Promise<number> {
  const abs = path.resolve(ctx.cwd, file);
  const format = (flags.format ??
    abs
      .match(/\.(csv|jsonl|ndjson|json)$/i)?.[1]
      ?.toLowerCase()
      .replace("ndjson", "jsonl")) as "csv" | "json" | "jsonl" | undefined;
  if (!format || !["csv", "json", "jsonl"].includes(format)) {
    throw new UsageError(`cannot tell the format of ${abs}: pass --format csv, json or jsonl`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(flags.source)) {
    throw new UsageError(
      `--source ${cleanLine(flags.source)}: expected lower-case letters, digits and dashes`,
    );
  }
  const { config } = await ctx.configOrDefaults();
  const configured = config.sources.find((s) => s.id === flags.source);
  const site = (configured?.site ?? flags.site) as Site | undefined;
  if (!site || !(SITES as readonly string[]).includes(site)) {
    throw new UsageError(
      configured || flags.site
        ? `--site ${cleanLine(flags.site ?? "")}: expected one of ${SITES.join(", ")}`
        : `source "${flags.source}" is not in the config: pass --site (${SITES.join(", ")}) to say where these reviews come from`,
    );
  }
  let text: string;
  try {
    const size = fs.statSync(abs).size;
    if (size > MAX_BYTES) throw new UsageError(`${abs} is larger than 200 MB: split it into smaller files`);
    text = fs.readFileSync(abs, "utf8");
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `cannot read ${abs} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): check the path`,
    );
  }
  const { parseImport } = await import("../../import/parse.js");
  let result;
  try {
    result = parseImport(text, format, ctx.now());
  } catch (err) {
    throw new UsageError(`${abs}: ${(err as Error).message}`);
  }
  const store = await ctx.store();
  store.ensureSource(flags.source, site, configured ? "import+config" : "import");
  // One transaction: all good rows or none. Imported reviews are history, not news: baseline.
  const stored = store.upsertPage(flags.source, site, result.reviews, ctx.now().toISOString(), true);
  const summary = {
    file: abs,
    format: result.format,
    source: flags.source,
    imported: result.reviews.length,
    new: stored.newIds.length,
    updated: stored.updatedIds.length,
    unchanged: stored.unchanged,
    skipped: result.errors.map((e) => ({ [result.unit]: e.line, message: e.message })),
  };
  if (flags.json) ctx.io.out(JSON.stringify(summary, null, 2));
  else {
    ctx.io.err(
      `Imported ${summary.imported} review${summary.imported === 1 ? "" : "s"} from ${abs} (${result.format}) into "${flags.source}": ${summary.new} new, ${summary.updated} updated, ${summary.unchanged} already there.`,
    );
    for (const e of result.errors.slice(0, 50))
      ctx.io.err(`  skipped ${result.unit} ${e.line}: ${cleanLine(e.message)}`);
    if (result.errors.length > 50)
      ctx.io.err(`  … and ${result.errors.length - 50} more skipped rows (--json lists all)`);
  }
  return result.errors.length ? ExitCode.partial : ExitCode.ok;
}
