// The digest as plain text: the e-mail's text part and `reviews digest` on a terminal.
// Every untrusted value goes through cleanText/cleanLine (no escape sequences, no controls).
import { cleanLine, cleanText, safeUrl, truncate } from "../util/sanitize.js";
import type { DigestModel, DigestReview, ListingStats, TrendPoint } from "./model.js";
import { siteName } from "./model.js";
import {
  formatNumber,
  headlineOf,
  hoursText,
  labelsFor,
  localTime,
  percent,
  reviewDate,
  shortDate,
  starsOf,
  type Labels,
} from "./labels.js";

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}

function section(title: string, count?: number): string {
  const t = count == null ? title : `${title} (${count})`;
  return `${t}\n${"=".repeat(Math.min(72, Array.from(t).length))}`;
}

function reviewLine(r: DigestReview, l: Labels, tz: string, max = 90): string {
  const { stars, score } = starsOf(r, l);
  const words = r.text ? cleanLine(truncate(cleanLine(r.text), max)) : l.ratingOnly;
  return [
    stars ? `${stars} ${score}` : score,
    cleanLine(r.sourceLabel),
    cleanLine(r.author) || l.anonymous,
    cleanLine(reviewDate(r, tz)),
    `#${r.id}`,
  ]
    .filter(Boolean)
    .join(" · ")
    .concat(`\n    ${words}`);
}

export function listingLine(s: ListingStats, l: Labels, model: DigestModel): string {
  const parts: string[] = [];
  if (s.reported?.rating != null)
    parts.push(
      `${formatNumber(s.reported.rating)}/5 ${l.siteRating}${s.reported.count != null ? ` (${l.reviews(s.reported.count)})` : ""}`,
    );
  parts.push(
    `${s.stored.average != null ? `${formatNumber(s.stored.average)}/5 ` : ""}${l.ourAverage} (${l.reviews(s.stored.count)})`,
  );
  if (s.newInWindow) parts.push(l.newInWindow(s.newInWindow));
  parts.push(s.responseRate == null ? l.noReplies : l.replied(percent(s.responseRate)));
  if (s.medianHoursToReply != null)
    parts.push(l.medianReply(hoursText(s.medianHoursToReply, model.language)));
  if (s.inTimeRate != null) parts.push(l.inTime(percent(s.inTimeRate)));
  return parts.join(" · ");
}

const BLOCKS = "▁▂▃▄▅▆▇█";

export function sparkText(points: TrendPoint[]): string {
  const max = Math.max(1, ...points.map((p) => p.count));
  return points
    .map((p) => (p.count === 0 ? "·" : BLOCKS[Math.min(7, Math.max(0, Math.ceil((p.count / max) * 8) - 1))]))
    .join("");
}

export function renderText(model: DigestModel): string {
  const l = labelsFor(model.language);
  const tz = model.business.timezone;
  const out: string[] = [];
  out.push(cleanLine(headlineOf(model)));
  out.push(
    `${l.window(localTime(model.window.since, tz), localTime(model.window.until, tz))} (${cleanLine(tz)})`,
  );
  out.push("");

  if (model.failure) {
    out.push(section(l.failure), cleanText(model.failure), "");
  }
  if (model.interrupted) out.push(l.interrupted, "");

  const c = model.counts;
  if (c.new === 0 && c.edited === 0 && c.removed === 0 && !model.failure) out.push(l.nothingNew, "");

  if (model.negatives.length) {
    out.push(section(l.negatives, c.negative), "");
    for (const item of model.negatives) {
      const r = item.review;
      out.push(reviewLine(r, l, tz, 10_000).split("\n")[0]!);
      if (r.title) out.push(indent(cleanLine(r.title), "  "));
      out.push(r.text ? indent(cleanText(r.text), "  ") : `  ${l.ratingOnly}`);
      if (r.excerpt) out.push(`  ${l.excerpt}`);
      if (r.translation) out.push(`  ${l.translation}:`, indent(cleanText(r.translation), "    "));
      const url = safeUrl(r.url);
      if (url) out.push(`  ${l.openReview}: ${url}`);
      out.push(`  ${l.dueBy(localTime(item.dueAt, tz))}`);
      if (item.draft) {
        out.push(
          "",
          `  ${l.draft(item.draft.language, siteName(r.site))}:`,
          indent(cleanText(item.draft.text), "    | "),
        );
        if (item.draft.findings.length) {
          out.push(`  ${l.findings}:`);
          for (const f of item.draft.findings)
            out.push(`    - ${cleanLine(f.code)}: ${cleanLine(f.message)}`);
        }
      } else out.push(`  ${l.noDraft}`);
      out.push("");
    }
    if (c.negative > model.negatives.length) out.push(l.more(c.negative - model.negatives.length), "");
  }

  if (model.overdue.length) {
    out.push(section(l.overdue, c.overdue));
    for (const o of model.overdue) {
      out.push(`  ${l.overdueBy(o.hoursOverdue)}: ${reviewLine(o.review, l, tz).replace("\n", "\n  ")}`);
    }
    if (c.overdue > model.overdue.length) out.push(`  ${l.more(c.overdue - model.overdue.length)}`);
    out.push("");
  }

  const others = c.new - c.negative;
  if (model.others.length) {
    out.push(section(l.others, others));
    for (const r of model.others) out.push(`  ${reviewLine(r, l, tz).replace("\n", "\n  ")}`);
    if (others > model.others.length) out.push(`  ${l.more(others - model.others.length)}`);
    out.push("");
  }
  if (model.edited.length) {
    out.push(section(l.edited, c.edited));
    for (const r of model.edited) out.push(`  ${reviewLine(r, l, tz).replace("\n", "\n  ")}`);
    if (c.edited > model.edited.length) out.push(`  ${l.more(c.edited - model.edited.length)}`);
    out.push("");
  }
  if (model.removed.length) {
    out.push(section(l.removed, c.removed));
    for (const r of model.removed) out.push(`  ${reviewLine(r, l, tz).replace("\n", "\n  ")}`);
    if (c.removed > model.removed.length) out.push(`  ${l.more(c.removed - model.removed.length)}`);
    out.push("");
  }

  if (model.suspicious) {
    out.push(section(l.suspicious));
    out.push(
      `  ${l.suspiciousLine(
        model.suspicious.reviews,
        Object.entries(model.suspicious.kinds)
          .map(([k, n]) => `${l.suspiciousKind[k] ?? k}: ${n}`)
          .join(", "),
      )}`,
      "",
    );
  }

  if (model.themes?.length) {
    out.push(section(l.themes));
    for (const t of model.themes) out.push(`  ${cleanLine(t.label)}: ${l.themeCount(t.count, t.negative)}`);
    out.push("");
  }

  if (model.total.stored.count) {
    out.push(section(`${l.listings} (${l.period(model.trendWeeks)})`));
    out.push(`  ${cleanLine(model.total.label)}: ${listingLine(model.total, l, model)}`);
    for (const s of model.listings) {
      out.push(`  ${cleanLine(s.label)}: ${listingLine(s, l, model)}`);
      out.push(`    ${sparkText(s.trend)}`);
    }
    out.push("");
    out.push(section(l.trend(model.trendWeeks)));
    const max = Math.max(1, ...model.total.trend.map((p) => p.count));
    for (const p of model.total.trend) {
      const bar = "█".repeat(Math.round((p.count / max) * 20));
      const avg = p.average != null ? `  ★ ${formatNumber(p.average)}` : "";
      out.push(`  ${shortDate(p.weekStart, tz)}  ${bar.padEnd(20)} ${String(p.count).padStart(3)}${avg}`);
    }
    out.push("");
  }

  if (model.health.length) {
    out.push(section(l.health));
    const problems = model.health.filter((h) => h.status === "failed" || h.layoutChanged || h.cap != null);
    for (const h of model.health) {
      if (!problems.includes(h) && h.status !== "never") continue;
      out.push(
        `  ${cleanLine(h.label)}: ${l.status[h.status]}${h.lastRunAt ? ` (${l.lastRun(localTime(h.lastRunAt, tz))})` : ""}`,
      );
      if (h.status === "failed") {
        if (h.message) out.push(`    ${cleanLine(h.message)}`);
        out.push(`    ${l.fixFor(h.errorKind)}`);
      }
      if (h.layoutChanged && h.errorKind !== "layout-changed") out.push(`    ${l.layoutChanged}`);
      if (h.cap != null) out.push(`    ${l.cap(h.cap)}`);
    }
    if (!model.health.some((h) => h.status === "failed" || h.layoutChanged)) out.push(`  ${l.allHealthy}`);
    out.push("");
  }

  out.push(l.footer);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
