import type { AppContext } from "../context.js";
import type { Io } from "../io.js";
import type { Config } from "../../config/schema.js";
import type { CheckReport, ProgressEvent } from "../../check/run.js";
import { ExitCode, UsageError } from "../../errors.js";
import { authorText, indent, ratingText, reviewBlock, reviewJson } from "../format.js";
import { makeDraft, type Advice } from "../../replies/draft.js";
import type { TemplateSet } from "../../replies/templates.js";
import { classify, classifyOptions, type Classification } from "../../classify/index.js";
import { cleanLine, cleanText, truncate } from "../../util/sanitize.js";
import { ownWords, type StoredReview } from "../../domain/review.js";

export interface CheckFlags {
  source?: string[];
  full?: boolean;
  /** Seconds to wait for another run's lock (`--wait [seconds]`). */
  wait?: number | boolean;
  json?: boolean;
  quiet?: boolean;
  /** Send the digest of what this check found (`--email`). */
  email?: boolean;
  to?: string[];
  skipEmpty?: boolean;
}

export async function run(ctx: AppContext, flags: CheckFlags): Promise<number> {
  const { config, file } = await ctx.config();
  if (config.sources.length === 0) {
    throw new UsageError(
      `${file} lists no sources: add one under "sources:" (see the README's config reference)`,
    );
  }
  for (const id of flags.source ?? []) {
    if (!config.sources.some((s) => s.id === id)) {
      const known = config.sources.map((s) => s.id).join(", ");
      throw new UsageError(`--source ${cleanLine(id)}: no source has that id in ${file} (known: ${known})`);
    }
  }
  if (!flags.source?.length && !config.sources.some((s) => s.enabled)) {
    throw new UsageError(
      `every source in ${file} is disabled (enabled: false): enable one, or pass --source ID`,
    );
  }
  const { acquireLock } = await import("../../store/lock.js");
  const waitSeconds = flags.wait === true ? 600 : typeof flags.wait === "number" ? flags.wait : 0;
  const lock = await acquireLock(await ctx.dbFile(), "check", waitSeconds * 1000);
  try {
    return await locked(ctx, flags);
  } catch (err) {
    if (flags.email) await (await import("./digest.js")).emailFailure(ctx, err, flags);
    throw err;
  } finally {
    lock.release();
  }
}

async function locked(ctx: AppContext, flags: CheckFlags): Promise<number> {
  const { config } = await ctx.config();
  const store = await ctx.store();
  const { runCheck } = await import("../../check/run.js");
  const controller = new AbortController();
  const onSignal = () => {
    ctx.io.err("reviews: stopping: finishing the pages already fetched…");
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const progress = progressPrinter(ctx.io, !flags.json && !flags.quiet);
  let report: CheckReport;
  try {
    report = await runCheck({
      config,
      store,
      only: flags.source,
      full: flags.full,
      now: ctx.now,
      signal: controller.signal,
      env: ctx.env,
      onProgress: progress.onEvent,
    });
  } finally {
    progress.clear();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
  const templates = await ctx.templates();
  printCheckReport(ctx.io, report, config, { json: flags.json, quiet: flags.quiet, templates });
  if (flags.email) await (await import("./digest.js")).emailAfterCheck(ctx, store, config, report, flags);
  return checkExitCode(report);
}

export function checkExitCode(report: CheckReport): number {
  if (report.interrupted) return ExitCode.interrupted;
  if (report.configFailures > 0) return ExitCode.usage;
  if (report.sources.some((s) => s.status === "failed")) return ExitCode.partial;
  return ExitCode.ok;
}

export function checkJson(report: CheckReport, config: Config, templates?: TemplateSet) {
  const max = config.negative.maxRating;
  return {
    runId: report.runId,
    sources: report.sources.map((s) => ({
      id: s.sourceId,
      site: s.site,
      status: s.status,
      fetched: s.fetched,
      new: s.new,
      updated: s.updated,
      removed: s.removed,
      requests: s.requests,
      warnings: s.warnings,
      error: s.errorKind ? { kind: s.errorKind, message: s.errorMessage ?? "" } : null,
    })),
    new: report.newReviews.map((r) => reviewJson(r, max)),
    negative: report.negative.map((r) => withAdvice(r, config, templates)),
    mixed: report.newReviews
      .filter((r) => !report.negative.includes(r) && classifyReview(r, config).mixed)
      .map((r) => withAdvice(r, config, templates)),
    updated: report.updated.map((r) => reviewJson(r, max)),
    removed: report.removedIds,
    overdue: report.overdue,
    interrupted: report.interrupted,
  };
}

export function classifyReview(r: StoredReview, config: Config): Classification {
  return classify(r, classifyOptions(config));
}

/** What to do about a review: the draft to start from (none for abusive ones), its findings, and why. */
export function advice(r: StoredReview, config: Config, templates?: TemplateSet): Advice {
  return makeDraft(r, config, { templates });
}

function withAdvice(r: StoredReview, config: Config, templates?: TemplateSet) {
  const a = advice(r, config, templates);
  return {
    ...reviewJson(r, config.negative.maxRating),
    draft: a.draft,
    action: a.action,
    classification: a.classification,
  };
}

export function printCheckReport(
  io: Io,
  report: CheckReport,
  config: Config,
  opts: { json?: boolean; quiet?: boolean; templates?: TemplateSet },
): void {
  // Failures are messages: one line each on stderr, whatever the output format.
  for (const s of report.sources) {
    if (s.status === "failed")
      io.err(`${io.colorErr.red("reviews:")} ${cleanLine(s.sourceId)}: ${cleanLine(s.errorMessage)}`);
  }
  if (opts.json) {
    io.out(JSON.stringify(checkJson(report, config, opts.templates), null, 2));
    return;
  }
  const failed = report.sources.filter((s) => s.status === "failed").length;
  const nothing =
    report.newReviews.length === 0 &&
    report.updated.length === 0 &&
    report.removedIds.length === 0 &&
    failed === 0;
  if (opts.quiet && nothing) return;
  const c = io.color;
  const tz = config.business.timezone;
  const fancy = io.isTTY;
  const lines: string[] = [];
  if (!opts.quiet) {
    const width = Math.max(...report.sources.map((s) => s.sourceId.length), 6);
    for (const s of report.sources) {
      const id = cleanLine(s.sourceId).padEnd(width);
      if (s.status === "failed")
        lines.push(`${id}  ${c.red("failed  ")}  ${s.errorKind}: ${cleanLine(s.errorMessage)}`);
      else if (s.status === "baseline") {
        lines.push(
          `${id}  ${c.cyan("baseline")}  ${s.new} existing review${s.new === 1 ? "" : "s"} recorded (future runs announce only what is new)`,
        );
      } else {
        const parts = [`${s.new} new`];
        if (s.updated) parts.push(`${s.updated} edited`);
        if (s.removed) parts.push(`${s.removed} removed`);
        lines.push(`${id}  ${c.green("ok      ")}  ${parts.join(", ")} (${s.fetched} fetched)`);
      }
      for (const w of dedupe(s.warnings).slice(0, 3))
        lines.push(c.yellow(`${" ".repeat(width)}  warning   ${cleanLine(w)}`));
    }
    lines.push("");
  }
  const careful = [
    ...report.negative,
    ...report.newReviews.filter((r) => !report.negative.includes(r) && classifyReview(r, config).mixed),
  ];
  if (careful.length) {
    lines.push(
      c.red.bold(`New negative reviews: ${report.negative.length}`) +
        (careful.length > report.negative.length
          ? c.yellow(` (and ${careful.length - report.negative.length} mixed)`)
          : ""),
      "",
    );
    for (const r of careful) {
      lines.push(reviewBlock(r, { color: c, tz, maxRating: config.negative.maxRating, fancy }));
      const a = advice(r, config, opts.templates);
      lines.push(c.dim(`  Why: ${a.classification.reasons.map((x) => cleanLine(x)).join("; ")}`));
      if (a.classification.urgent || a.classification.abusive)
        lines.push(c.red.bold(`  ${a.action.toUpperCase().slice(0, 1)}${a.action.slice(1)}`));
      if (a.draft) {
        lines.push(c.cyan(`  Reply draft (${a.draft.language}) — edit, then post it on ${r.site}:`));
        lines.push(indent(cleanText(a.draft.text), "    "));
        for (const f of a.draft.findings) lines.push(c.yellow(`    ⚠ ${f.code}: ${cleanLine(f.message)}`));
        lines.push("");
      } else lines.push("");
    }
  }
  const others = report.newReviews.filter((r) => !careful.includes(r));
  if (others.length) {
    lines.push(c.bold(`Other new reviews: ${others.length}`));
    for (const r of others) {
      const words = ownWords(r);
      lines.push(
        `  #${r.id}  ${ratingText(r, fancy)}  ${r.site}  ${authorText(r)}  ${words ? cleanLine(truncate(words, 70)) : c.dim("(rating only)")}`,
      );
    }
    lines.push("");
  }
  if (report.updated.length) {
    lines.push(c.bold(`Edited by their reviewers: ${report.updated.length}`));
    for (const r of report.updated)
      lines.push(
        `  #${r.id}  ${ratingText(r, fancy)}  ${r.site}  ${authorText(r)}  (see: reviews show ${r.id})`,
      );
    lines.push("");
  }
  if (report.removedIds.length)
    lines.push(c.bold(`No longer on the site: ${report.removedIds.map((id) => `#${id}`).join(", ")}`), "");
  lines.push(summaryLine(report));
  io.out(lines.join("\n"));
}

export function summaryLine(report: CheckReport): string {
  const n = report.sources.length;
  const failed = report.sources.filter((s) => s.status === "failed").length;
  const baseline = report.sources.filter((s) => s.status === "baseline");
  const parts = [`${report.newReviews.length} new (${report.negative.length} negative)`];
  if (report.updated.length) parts.push(`${report.updated.length} edited`);
  if (report.removedIds.length) parts.push(`${report.removedIds.length} removed`);
  let line = `Checked ${n} source${n === 1 ? "" : "s"}: ${parts.join(", ")}`;
  if (baseline.length) {
    const recorded = baseline.reduce((a, s) => a + s.new, 0);
    line += `; ${recorded} existing review${recorded === 1 ? "" : "s"} recorded as a baseline`;
  }
  if (failed) line += `; ${failed} source${failed === 1 ? "" : "s"} failed (see above)`;
  if (report.overdue)
    line += `; ${report.overdue} repl${report.overdue === 1 ? "y" : "ies"} overdue (reviews todo)`;
  if (report.interrupted) line += "; interrupted: run again to finish";
  return `${line}.`;
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

/** A one-line status on stderr, only on a terminal. */
function progressPrinter(io: Io, enabled: boolean) {
  const active = enabled && io.isErrTTY;
  let done = 0;
  let total = 0;
  const running = new Set<string>();
  const draw = () => {
    if (!active) return;
    const names = [...running].slice(0, 3).join(", ");
    io.stderr.write(
      `\r\x1b[2Kchecking… ${done}/${total} sources done${names ? ` (now: ${cleanLine(names)})` : ""}`,
    );
  };
  return {
    onEvent(e: ProgressEvent) {
      if (e.type === "start") {
        total++;
        running.add(e.source);
      } else if (e.type === "done") {
        done++;
        running.delete(e.result.sourceId);
      }
      draw();
    },
    clear() {
      if (active && total) io.stderr.write("\r\x1b[2K");
    },
  };
}
