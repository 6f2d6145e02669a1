// `reviews export testimonials|reviews`: data out, streamed to a file or stdout.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { AppContext } from "../context.js";
import type { ChunkedWriter } from "../../export/chunks.js";
import type { CsvJob } from "../../export/csv-out.js";
import type { ExportQuery } from "../../export/query.js";
import type { Store } from "../../store/store.js";
import { UsageError } from "../../errors.js";
import { parseSince } from "../../domain/dates.js";
import { SITES, type WorkflowStatus } from "../../domain/review.js";
import { REVIEW_COLUMNS } from "../../export/reviews.js";

export { REVIEW_COLUMNS };

export interface ExportFlags {
  minRating?: number;
  maxRating?: number;
  since?: string;
  site?: string;
  source?: string;
  lang?: string;
  minLength?: number;
  permission?: "granted" | "any";
  negative?: boolean;
  status?: WorkflowStatus;
  removed?: boolean;
  format?: string;
  out?: string;
  bom?: boolean;
}

/** Where the data goes: a file (written to a temp name, renamed when complete) or stdout. */
async function withOutput(
  ctx: AppContext,
  out: string | undefined,
  fn: (w: Writable) => Promise<void>,
): Promise<string | null> {
  if (!out || out === "-") {
    await fn(process.stdout);
    return null;
  }
  const file = path.resolve(ctx.cwd, out);
  const tmp = `${file}.partial-${process.pid}`;
  const stream = fs.createWriteStream(tmp, { mode: 0o600 });
  try {
    await fn(stream);
    stream.end();
    await once(stream, "finish");
    fs.renameSync(tmp, file);
  } catch (err) {
    stream.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return file;
}

export async function run(ctx: AppContext, what: string, flags: ExportFlags): Promise<number> {
  if (what !== "testimonials" && what !== "reviews") {
    throw new UsageError(
      `export what? "${what}" is not known: use "reviews export testimonials" or "reviews export reviews"`,
    );
  }
  if (flags.site && !(SITES as readonly string[]).includes(flags.site)) {
    throw new UsageError(`--site ${flags.site}: expected one of ${SITES.join(", ")}`);
  }
  const formats = what === "testimonials" ? ["csv", "json", "html"] : ["csv", "json", "jsonl"];
  const format =
    flags.format ??
    flags.out?.match(/\.(csv|json|jsonl|html)$/i)?.[1]?.toLowerCase() ??
    (what === "testimonials" ? "csv" : "jsonl");
  if (!formats.includes(format))
    throw new UsageError(`--format ${format}: for ${what}, use one of ${formats.join(", ")}`);
  const workerRows = format === "csv" ? exportWorkerRows(ctx.env) : undefined;
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const since = flags.since ? parseSince(flags.since, ctx.now()) : undefined;
  let count = 0;
  let file: string | null;
  // Rows are read as arrays of the exported columns only (export/query.ts), made into text in small
  // batches and written in chunks of about 256 KB (export/chunks.ts): a row object of every column,
  // a Transform stream and a write per row made an export of a million reviews take minutes.
  const { ChunkedWriter } = await import("../../export/chunks.js");
  if (what === "testimonials") {
    const { testimonialOfRow } = await import("../../export/csv-job.js");
    const { testimonialRows } = await import("../../export/query.js");
    const filter = {
      minRating: flags.minRating ?? 4,
      since,
      site: flags.site,
      lang: flags.lang,
      minLength: flags.minLength,
      permission: flags.permission ?? "any",
    } as const;
    const rows = function* () {
      for (const row of testimonialRows(store.db, filter)) {
        const t = testimonialOfRow(row, filter);
        if (t) yield t;
      }
    };
    file = await withOutput(ctx, flags.out, async (w) => {
      if (format === "csv") {
        const job = { kind: "testimonials", filter, bom: flags.bom ?? false } as const;
        const { testimonialQuery } = await import("../../export/query.js");
        count = await writeCsv(ctx, w, store, testimonialQuery(filter), job, workerRows);
        return;
      }
      const out = new ChunkedWriter(w);
      if (format === "json") {
        count = await writeJsonArray(out, rows());
      } else {
        const { testimonialsHtml } = await import("../../export/html.js");
        const all = [...rows()];
        count = all.length;
        out.add(testimonialsHtml(all, config.business.name));
      }
      await out.flush();
    });
  } else {
    const { requireKnownSource, reviewFilter } = await import("./list.js");
    requireKnownSource(store, flags.source);
    const { reviewRows } = await import("../../export/query.js");
    const { reviewRowJson } = await import("../../export/reviews.js");
    // Exports include removed reviews (their removedAt says so).
    const filter = { ...reviewFilter(flags, config, since), includeRemoved: flags.removed ?? true };
    const max = config.negative.maxRating;
    file = await withOutput(ctx, flags.out, async (w) => {
      if (format === "csv") {
        const job = { kind: "reviews", negativeMaxRating: max, bom: flags.bom ?? false } as const;
        const { reviewQuery } = await import("../../export/query.js");
        const { listIndexHint } = await import("../../store/store.js");
        const q = reviewQuery(filter, listIndexHint(store.db, filter));
        count = await writeCsv(ctx, w, store, q, job, workerRows);
        return;
      }
      const out = new ChunkedWriter(w);
      if (format === "jsonl") {
        for (const row of reviewRows(store.db, filter)) {
          count++;
          if (out.add(`${JSON.stringify(reviewRowJson(row, max))}\n`)) await out.flush();
        }
      } else {
        const items = function* () {
          for (const row of reviewRows(store.db, filter)) yield reviewRowJson(row, max);
        };
        count = await writeJsonArray(out, items());
      }
      await out.flush();
    });
  }
  if (file)
    ctx.io.err(
      `Wrote ${count} ${what === "testimonials" ? "testimonial" : "review"}${count === 1 ? "" : "s"} to ${file}.`,
    );
  else if (count === 0) ctx.io.err(`No ${what} match the filters.`);
  return 0;
}

/**
 * REVIEWS_EXPORT_WORKER_ROWS: from how many rows a CSV export uses worker threads (0: always). An
 * export of at least that many rows by review_days' counts is read in date ranges by workers
 * (export/csv-split.ts); one read on the main thread hands the making of its CSV to a worker after
 * that many rows (export/csv-out.ts). Unset: the defaults (50,000 and 20,000).
 */
function exportWorkerRows(env: NodeJS.ProcessEnv): number | undefined {
  const setting = env["REVIEWS_EXPORT_WORKER_ROWS"];
  if (setting == null || setting === "") return undefined;
  const rows = Number(setting);
  if (!/^\d+$/.test(setting.trim()) || !Number.isSafeInteger(rows))
    throw new UsageError(
      `REVIEWS_EXPORT_WORKER_ROWS=${JSON.stringify(setting)}: expected a whole number of rows (0: use worker threads whatever the size); unset it for the default`,
    );
  return rows;
}

/**
 * CSV of a statement's rows (the header even when there are none): the count. A large export is
 * read by worker threads in date ranges (export/csv-split.ts); else this thread reads it, handing
 * the making of CSV to a worker thread after `workerRows` rows (export/csv-out.ts).
 */
async function writeCsv(
  ctx: AppContext,
  w: Writable,
  store: Store,
  q: ExportQuery,
  job: CsvJob,
  workerRows: number | undefined,
): Promise<number> {
  const { writeCsvSplit } = await import("../../export/csv-split.js");
  const split = await writeCsvSplit(w, store.db, store.file, q, job, {
    minRows: workerRows,
    onSplit: (ranges, workers) =>
      ctx.debug(`reading the export in ${ranges} date ranges with ${workers} worker threads`),
    onSkip: (why) => ctx.debug(`the export is read on one thread: ${why}`),
  });
  if (split != null) return split;
  const { writeCsvRows } = await import("../../export/csv-out.js");
  const { exportRows } = await import("../../export/query.js");
  return writeCsvRows(w, exportRows(store.db, q), job, {
    workerRows,
    onWorker: (n) => ctx.debug(`${n} rows read: the rest is made into CSV in a worker thread`),
  });
}

/** A JSON array, one item a line; the count. */
async function writeJsonArray(out: ChunkedWriter, items: Iterable<unknown>): Promise<number> {
  let count = 0;
  out.add("[");
  for (const item of items) {
    if (out.add(`${count++ ? "," : ""}\n  ${JSON.stringify(item)}`)) await out.flush();
  }
  out.add("\n]\n");
  return count;
}
