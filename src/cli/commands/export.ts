// `reviews export testimonials|reviews`: data out, streamed to a file or stdout.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { AppContext } from "../context.js";
import { UsageError } from "../../errors.js";
import { parseSince } from "../../domain/dates.js";
import { SITES, type WorkflowStatus } from "../../domain/review.js";
import { reviewJson } from "../format.js";

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

async function write(w: Writable, chunk: string): Promise<void> {
  if (!w.write(chunk)) await once(w, "drain");
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
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const since = flags.since ? parseSince(flags.since, ctx.now()) : undefined;
  let count = 0;
  let file: string | null;
  if (what === "testimonials") {
    const { eligible, toTestimonial, TESTIMONIAL_COLUMNS } = await import("../../export/testimonials.js");
    const filter = {
      minRating: flags.minRating ?? 4,
      since,
      site: flags.site,
      lang: flags.lang,
      minLength: flags.minLength,
      permission: flags.permission ?? "any",
    } as const;
    const rows = function* () {
      for (const r of store.iterate({ site: filter.site, since: filter.since })) {
        if (eligible(r, filter)) yield toTestimonial(r);
      }
    };
    file = await withOutput(ctx, flags.out, async (w) => {
      if (format === "csv") {
        const { csvStringifier } = await import("../../export/csv.js");
        const csv = csvStringifier(TESTIMONIAL_COLUMNS, flags.bom ?? false);
        csv.pipe(w, { end: false });
        for (const t of rows()) {
          count++;
          if (!csv.write(t)) await once(csv, "drain");
        }
        csv.end();
        await once(csv, "end");
      } else if (format === "json") {
        await write(w, "[");
        for (const t of rows()) await write(w, `${count++ ? "," : ""}\n  ${JSON.stringify(t)}`);
        await write(w, "\n]\n");
      } else {
        const { testimonialsHtml } = await import("../../export/html.js");
        const all = [...rows()];
        count = all.length;
        await write(w, testimonialsHtml(all, config.business.name));
      }
    });
  } else {
    const { reviewFilter } = await import("./list.js");
    // Exports include removed reviews (their removedAt says so).
    const filter = { ...reviewFilter(flags, config, since), includeRemoved: flags.removed ?? true };
    const max = config.negative.maxRating;
    file = await withOutput(ctx, flags.out, async (w) => {
      if (format === "csv") {
        const { csvStringifier } = await import("../../export/csv.js");
        const csv = csvStringifier(REVIEW_COLUMNS, flags.bom ?? false);
        csv.pipe(w, { end: false });
        for (const r of store.iterate(filter)) {
          count++;
          if (!csv.write(flatReview(reviewJson(r, max)))) await once(csv, "drain");
        }
        csv.end();
        await once(csv, "end");
      } else if (format === "jsonl") {
        for (const r of store.iterate(filter)) {
          count++;
          await write(w, `${JSON.stringify(reviewJson(r, max))}\n`);
        }
      } else {
        await write(w, "[");
        for (const r of store.iterate(filter))
          await write(w, `${count++ ? "," : ""}\n  ${JSON.stringify(reviewJson(r, max))}`);
        await write(w, "\n]\n");
      }
    });
  }
  if (file)
    ctx.io.err(
      `Wrote ${count} ${what === "testimonials" ? "testimonial" : "review"}${count === 1 ? "" : "s"} to ${file}.`,
    );
  else if (count === 0) ctx.io.err(`No ${what} match the filters.`);
  return 0;
}

/** Every stored field a spreadsheet user wants, one column each. */
export const REVIEW_COLUMNS = [
  "id",
  "source",
  "site",
  "externalId",
  "authorName",
  "authorUrl",
  "rating",
  "recommendation",
  "title",
  "text",
  "originalText",
  "language",
  "textLanguage",
  "publishedAt",
  "publishedPrecision",
  "url",
  "replyText",
  "replyAt",
  "excerpt",
  "negative",
  "status",
  "assignee",
  "repliedAt",
  "permission",
  "firstSeenAt",
  "lastSeenAt",
  "removedAt",
];

export function flatReview(j: ReturnType<typeof reviewJson>): Record<string, unknown> {
  const { author, ownerReply, ...rest } = j;
  return {
    ...rest,
    authorName: author.name,
    authorUrl: author.url,
    replyText: ownerReply?.text ?? null,
    replyAt: ownerReply?.publishedAt ?? null,
  };
}
