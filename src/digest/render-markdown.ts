// The digest as Markdown (for a wiki, a chat, a file). Untrusted text is cleaned and then escaped so
// that no Markdown or HTML in a review can become a link, an image, a heading or a tag.
import { cleanLine, cleanText, safeUrl, truncate } from "../util/sanitize.js";
import type { DigestModel, DigestReview } from "./model.js";
import { siteName } from "./model.js";
import { listingLine, sparkText } from "./render-text.js";
import {
  formatNumber,
  headlineOf,
  labelsFor,
  localTime,
  reviewDate,
  shortDate,
  starsOf,
  type Labels,
} from "./labels.js";

/** One line of inline Markdown: every character that could start markup is backslash-escaped. */
export function mdEscape(value: string | null | undefined): string {
  return cleanLine(value)
    .replace(/[\\`*_{}[\]()<>#+\-!|~&"]/g, (c) => `\\${c}`)
    .replace(/^(\d+)\./, "$1\\.")
    .replace(/^(\s+)/, "");
}

/** Several lines as a block quote, each line escaped, line breaks kept. */
function mdQuote(value: string | null | undefined, prefix = "> "): string {
  return cleanText(value)
    .split("\n")
    .map((line) => (line.trim() ? `${prefix}${mdEscape(line)}  ` : prefix.trimEnd()))
    .join("\n");
}

/** A link only for http(s) URLs; the destination in <…> cannot be broken out of. */
function mdLink(label: string, url: string | null): string {
  const safe = safeUrl(url);
  if (!safe) return "";
  const dest = safe.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
  return `[${mdEscape(label)}](<${dest}>)`;
}

function reviewSummary(r: DigestReview, l: Labels, tz: string): string {
  const { stars, score } = starsOf(r, l);
  return [
    stars ? `${stars} **${score}**` : `**${mdEscape(score)}**`,
    mdEscape(r.sourceLabel),
    mdEscape(r.author) || mdEscape(l.anonymous),
    mdEscape(reviewDate(r, tz)),
    `#${r.id}`,
  ].join(" · ");
}

function compact(r: DigestReview, l: Labels, tz: string): string {
  const words = r.text ? mdEscape(truncate(cleanLine(r.text), 100)) : `_${mdEscape(l.ratingOnly)}_`;
  const link = mdLink(l.openReview, r.url);
  return `- ${reviewSummary(r, l, tz)} — ${words}${link ? ` (${link})` : ""}`;
}

export function renderMarkdown(model: DigestModel): string {
  const l = labelsFor(model.language);
  const tz = model.business.timezone;
  const c = model.counts;
  const out: string[] = [];
  out.push(`# ${mdEscape(headlineOf(model))}`, "");
  out.push(
    `_${mdEscape(l.window(localTime(model.window.since, tz), localTime(model.window.until, tz)))} (${mdEscape(tz)})_`,
    "",
  );
  if (model.failure) out.push(`## ${mdEscape(l.failure)}`, "", mdQuote(model.failure), "");
  if (model.interrupted) out.push(`**${mdEscape(l.interrupted)}**`, "");
  if (c.new === 0 && c.edited === 0 && c.removed === 0 && !model.failure)
    out.push(mdEscape(l.nothingNew), "");

  if (model.negatives.length) {
    out.push(`## ${mdEscape(l.negatives)} (${c.negative})`, "");
    for (const item of model.negatives) {
      const r = item.review;
      out.push(`### ${reviewSummary(r, l, tz)}`, "");
      if (r.title) out.push(`**${mdEscape(r.title)}**`, "");
      out.push(r.text ? mdQuote(r.text) : `_${mdEscape(l.ratingOnly)}_`, "");
      if (r.excerpt) out.push(`_${mdEscape(l.excerpt)}_`, "");
      if (r.translation) out.push(`${mdEscape(l.translation)}:`, "", mdQuote(r.translation), "");
      const link = mdLink(l.openReview, r.url);
      out.push([link, `_${mdEscape(l.dueBy(localTime(item.dueAt, tz)))}_`].filter(Boolean).join(" · "), "");
      if (item.draft) {
        out.push(
          `**${mdEscape(l.draft(item.draft.language, siteName(r.site)))}:**`,
          "",
          mdQuote(item.draft.text),
          "",
        );
        if (item.draft.findings.length) {
          out.push(`${mdEscape(l.findings)}:`, "");
          for (const f of item.draft.findings)
            out.push(`- \`${cleanLine(f.code).replace(/`/g, "'")}\` ${mdEscape(f.message)}`);
          out.push("");
        }
      } else out.push(`_${mdEscape(l.noDraft)}_`, "");
    }
    if (c.negative > model.negatives.length)
      out.push(mdEscape(l.more(c.negative - model.negatives.length)), "");
  }

  if (model.overdue.length) {
    out.push(`## ${mdEscape(l.overdue)} (${c.overdue})`, "");
    for (const o of model.overdue)
      out.push(compact(o.review, l, tz).replace(/^- /, `- **${mdEscape(l.overdueBy(o.hoursOverdue))}** · `));
    if (c.overdue > model.overdue.length) out.push(`- ${mdEscape(l.more(c.overdue - model.overdue.length))}`);
    out.push("");
  }
  const lists: [string, DigestReview[], number][] = [
    [l.others, model.others, c.new - c.negative],
    [l.edited, model.edited, c.edited],
    [l.removed, model.removed, c.removed],
  ];
  for (const [title, items, total] of lists) {
    if (!items.length) continue;
    out.push(`## ${mdEscape(title)} (${total})`, "");
    for (const r of items) out.push(compact(r, l, tz));
    if (total > items.length) out.push(`- ${mdEscape(l.more(total - items.length))}`);
    out.push("");
  }

  if (model.suspicious) {
    out.push(`## ${mdEscape(l.suspicious)}`, "");
    out.push(
      mdEscape(
        l.suspiciousLine(
          model.suspicious.reviews,
          Object.entries(model.suspicious.kinds)
            .map(([k, n]) => `${l.suspiciousKind[k] ?? k}: ${n}`)
            .join(", "),
        ),
      ),
      "",
    );
  }

  if (model.themes?.length) {
    out.push(`## ${mdEscape(l.themes)}`, "");
    for (const t of model.themes)
      out.push(`- **${mdEscape(t.label)}**: ${mdEscape(l.themeCount(t.count, t.negative))}`);
    out.push("");
  }

  if (model.total.stored.count) {
    out.push(`## ${mdEscape(l.listings)} (${mdEscape(l.period(model.trendWeeks))})`, "");
    out.push(`- **${mdEscape(model.total.label)}**: ${mdEscape(listingLine(model.total, l, model))}`);
    for (const s of model.listings)
      out.push(`- **${mdEscape(s.label)}**: ${mdEscape(listingLine(s, l, model))} \`${sparkText(s.trend)}\``);
    out.push("", `## ${mdEscape(l.trend(model.trendWeeks))}`, "");
    out.push(`| ${mdEscape(l.weekOf)} | # | ★ |`, "|---|--:|--:|");
    for (const p of model.total.trend)
      out.push(
        `| ${shortDate(p.weekStart, tz)} | ${p.count} | ${p.average != null ? formatNumber(p.average) : "–"} |`,
      );
    out.push("");
  }

  if (model.health.length) {
    out.push(`## ${mdEscape(l.health)}`, "");
    for (const h of model.health) {
      if (h.status !== "failed" && h.status !== "never" && !h.layoutChanged && h.cap == null) continue;
      const notes: string[] = [];
      if (h.status === "failed") {
        if (h.message) notes.push(mdEscape(h.message));
        notes.push(mdEscape(l.fixFor(h.errorKind)));
      }
      if (h.layoutChanged && h.errorKind !== "layout-changed") notes.push(mdEscape(l.layoutChanged));
      if (h.cap != null) notes.push(mdEscape(l.cap(h.cap)));
      out.push(
        `- **${mdEscape(h.label)}**: ${mdEscape(l.status[h.status])}${notes.length ? ` — ${notes.join(" ")}` : ""}`,
      );
    }
    if (!model.health.some((h) => h.status === "failed" || h.layoutChanged))
      out.push(`- ${mdEscape(l.allHealthy)}`);
    out.push("");
  }
  out.push(`---`, "", `_${mdEscape(l.footer)}_`);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
