// The digest as an HTML e-mail: inline CSS, tables for layout and bar charts (no scripts, no images,
// nothing external), one column that fits a 375 px phone. Every untrusted value goes through
// escapeHtml; links only through safeUrl (http/https).
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

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The one escape for untrusted text: controls and escape sequences removed, then & < > " ' escaped. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value == null) return "";
  return cleanText(String(value)).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const COLORS = {
  page: "#f3f4f6",
  card: "#ffffff",
  text: "#1f2937",
  muted: "#6b7280",
  line: "#e5e7eb",
  red: "#b91c1c",
  redBg: "#fef2f2",
  amber: "#b45309",
  amberBg: "#fffbeb",
  green: "#15803d",
  blue: "#1d4ed8",
  star: "#d97706",
  bar: "#9ca3af",
  draftBg: "#f9fafb",
};

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const WRAP = "overflow-wrap:anywhere;word-wrap:break-word;word-break:break-word";

function ratingColor(avg: number | null): string {
  if (avg == null) return COLORS.bar;
  if (avg >= 4) return COLORS.green;
  if (avg >= 3) return COLORS.star;
  return COLORS.red;
}

function link(label: string, url: string | null, style = ""): string {
  const safe = safeUrl(url);
  if (!safe) return "";
  return `<a href="${escapeHtml(safe)}" style="color:${COLORS.blue};${style}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

function paragraphs(text: string, style: string): string {
  return `<div style="white-space:pre-wrap;${WRAP};${style}">${escapeHtml(text)}</div>`;
}

function section(
  id: string,
  title: string,
  count: number | null,
  body: string,
  accent = COLORS.text,
): string {
  return `<tr><td id="${id}" style="padding:20px 20px 4px 20px;${WRAP}">
<h2 style="margin:0 0 12px 0;font-size:17px;line-height:1.3;color:${accent};${FONT}">${escapeHtml(title)}${count != null ? ` <span style="color:${COLORS.muted};font-weight:normal">(${count})</span>` : ""}</h2>
${body}
</td></tr>`;
}

function starsHtml(r: Pick<DigestReview, "rating" | "recommendation" | "negative">, l: Labels): string {
  const { stars, score } = starsOf(r, l);
  const color = r.negative ? COLORS.red : COLORS.star;
  return `${stars ? `<span style="color:${color};letter-spacing:1px">${stars}</span> ` : ""}<b style="color:${r.negative ? COLORS.red : COLORS.text}">${escapeHtml(score)}</b>`;
}

function meta(r: DigestReview, l: Labels, tz: string): string {
  return [
    escapeHtml(r.sourceLabel),
    escapeHtml(cleanLine(r.author) || l.anonymous),
    escapeHtml(reviewDate(r, tz)),
  ]
    .filter(Boolean)
    .join(" · ");
}

function negativeCard(item: DigestModel["negatives"][number], l: Labels, tz: string): string {
  const r = item.review;
  const parts: string[] = [];
  parts.push(
    `<div style="font-size:15px;margin-bottom:4px">${starsHtml(r, l)} <span style="color:${COLORS.muted};font-size:13px">#${r.id}</span></div>`,
  );
  parts.push(
    `<div style="font-size:13px;color:${COLORS.muted};margin-bottom:8px;${WRAP}">${meta(r, l, tz)}</div>`,
  );
  if (r.title)
    parts.push(
      `<div style="font-weight:bold;margin-bottom:4px;${WRAP}">${escapeHtml(cleanLine(r.title))}</div>`,
    );
  parts.push(
    r.text
      ? paragraphs(r.text, "font-size:15px;line-height:1.5;margin-bottom:8px")
      : `<div style="color:${COLORS.muted};font-style:italic;margin-bottom:8px">${escapeHtml(l.ratingOnly)}</div>`,
  );
  if (r.excerpt)
    parts.push(
      `<div style="color:${COLORS.muted};font-size:12px;margin-bottom:8px">${escapeHtml(l.excerpt)}</div>`,
    );
  if (r.translation)
    parts.push(
      `<div style="font-size:13px;color:${COLORS.muted};margin-bottom:8px"><b>${escapeHtml(l.translation)}:</b> ${paragraphs(r.translation, "display:inline")}</div>`,
    );
  const open = link(l.openReview, r.url, "font-weight:bold");
  parts.push(
    `<div style="font-size:13px;margin-bottom:10px">${open ? `${open} · ` : ""}<span style="color:${COLORS.red}">${escapeHtml(l.dueBy(localTime(item.dueAt, tz)))}</span></div>`,
  );
  if (item.draft) {
    const findings = item.draft.findings.length
      ? `<div style="margin-top:8px;font-size:13px;color:${COLORS.amber}"><b>${escapeHtml(l.findings)}:</b><ul style="margin:4px 0 0 0;padding-left:18px">${item.draft.findings
          .map(
            (f) =>
              `<li style="${WRAP}"><code>${escapeHtml(cleanLine(f.code))}</code> ${escapeHtml(cleanLine(f.message))}</li>`,
          )
          .join("")}</ul></div>`
      : "";
    parts.push(
      `<div style="background:${COLORS.draftBg};border:1px solid ${COLORS.line};border-radius:6px;padding:10px 12px">
<div style="font-size:12px;color:${COLORS.muted};margin-bottom:6px">${escapeHtml(l.draft(item.draft.language, siteName(r.site)))}</div>
${paragraphs(item.draft.text, "font-size:14px;line-height:1.5")}${findings}</div>`,
    );
  } else {
    parts.push(`<div style="color:${COLORS.red};font-size:13px">${escapeHtml(l.noDraft)}</div>`);
  }
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;margin-bottom:14px;border-collapse:separate">
<tr><td style="border-left:4px solid ${COLORS.red};background:${COLORS.redBg};padding:12px 12px 12px 14px;border-radius:4px;${WRAP}">${parts.join("\n")}</td></tr></table>`;
}

function compactRow(r: DigestReview, l: Labels, tz: string, lead = ""): string {
  const words = r.text
    ? escapeHtml(truncate(cleanLine(r.text), 140))
    : `<i style="color:${COLORS.muted}">${escapeHtml(l.ratingOnly)}</i>`;
  const open = link(l.openReview, r.url);
  return `<tr><td style="padding:8px 0;border-bottom:1px solid ${COLORS.line};font-size:14px;line-height:1.45;${WRAP}">
${lead}${starsHtml(r, l)} <span style="color:${COLORS.muted};font-size:13px">${meta(r, l, tz)} · #${r.id}</span><br>
${words}${open ? ` <span style="font-size:13px">· ${open}</span>` : ""}</td></tr>`;
}

function compactTable(rows: string[], more: string | null): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed">${rows.join("\n")}${
    more
      ? `<tr><td style="padding:8px 0;color:${COLORS.muted};font-size:13px">${escapeHtml(more)}</td></tr>`
      : ""
  }</table>`;
}

/** A bar chart made of table cells: one column per week, the bar a cell with a height and a colour. */
function trendChart(points: TrendPoint[], l: Labels, tz: string): string {
  const max = Math.max(1, ...points.map((p) => p.count));
  const height = 72;
  const width = `${Math.floor(100 / Math.max(1, points.length))}%`;
  const cols = points
    .map((p) => {
      const h = p.count ? Math.max(3, Math.round((p.count / max) * height)) : 0;
      const bar = h
        ? `<table role="presentation" width="70%" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td height="${h}" bgcolor="${ratingColor(p.average)}" style="height:${h}px;background:${ratingColor(p.average)};font-size:0;line-height:0;border-radius:2px 2px 0 0">&nbsp;</td></tr></table>`
        : `<div style="height:1px;background:${COLORS.line};font-size:0;line-height:0">&nbsp;</div>`;
      return `<td width="${width}" valign="bottom" align="center" style="width:${width};vertical-align:bottom;padding:0 1px">
<div style="font-size:11px;color:${COLORS.text};margin-bottom:2px">${p.count}</div>${bar}</td>`;
    })
    .join("");
  const labels = points
    .map(
      (p) =>
        `<td align="center" style="font-size:10px;color:${COLORS.muted};padding-top:4px;white-space:nowrap">${escapeHtml(shortDate(p.weekStart, tz))}<br><span style="color:${ratingColor(p.average)}">${p.average != null ? `★${formatNumber(p.average)}` : "&nbsp;"}</span></td>`,
    )
    .join("");
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed;margin-bottom:4px" aria-label="${escapeHtml(l.trend(points.length))}">
<tr style="height:${height + 16}px">${cols}</tr><tr>${labels}</tr></table>`;
}

/** A small bar chart for one listing (weekly counts), 8 × 6 px bars. */
function miniChart(points: TrendPoint[]): string {
  const max = Math.max(1, ...points.map((p) => p.count));
  const cells = points
    .map((p) => {
      const h = p.count ? Math.max(2, Math.round((p.count / max) * 24)) : 1;
      const color = p.count ? ratingColor(p.average) : COLORS.line;
      return `<td valign="bottom" style="vertical-align:bottom;padding:0 1px"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td width="6" height="${h}" bgcolor="${color}" style="width:6px;height:${h}px;background:${color};font-size:0;line-height:0">&nbsp;</td></tr></table></td>`;
    })
    .join("");
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="height:26px"><tr>${cells}</tr></table>`;
}

function listingRow(s: ListingStats, l: Labels, model: DigestModel, strong = false): string {
  const rating = s.reported?.rating ?? s.stored.average;
  const count = s.reported?.count ?? s.stored.count;
  const details: string[] = [];
  if (s.newInWindow) details.push(l.newInWindow(s.newInWindow));
  details.push(s.responseRate == null ? l.noReplies : l.replied(percent(s.responseRate)));
  if (s.medianHoursToReply != null)
    details.push(l.medianReply(hoursText(s.medianHoursToReply, model.language)));
  if (s.inTimeRate != null) details.push(l.inTime(percent(s.inTimeRate)));
  const sub =
    s.reported && s.stored.average != null
      ? ` · ${l.ourAverage} ${formatNumber(s.stored.average)} (${s.stored.count})`
      : "";
  return `<tr><td style="padding:8px 0;border-bottom:1px solid ${COLORS.line};${WRAP}">
<div style="font-size:14px;${strong ? "font-weight:bold;" : ""}">${escapeHtml(s.label)}</div>
<div style="font-size:13px"><b style="color:${ratingColor(rating)}">${rating != null ? `★ ${formatNumber(rating)}` : "–"}</b> <span style="color:${COLORS.muted}">${escapeHtml(l.reviews(count))}${escapeHtml(sub)}</span></div>
<div style="font-size:12px;color:${COLORS.muted}">${escapeHtml(details.join(" · "))}</div></td>
<td width="76" align="right" valign="middle" style="width:76px;padding:8px 0 8px 4px;border-bottom:1px solid ${COLORS.line}">${miniChart(s.trend)}</td></tr>`;
}

function tile(value: number, label: string, color: string, bg: string): string {
  return `<td width="25%" align="center" style="width:25%;padding:4px">
<div style="background:${bg};border-radius:6px;padding:10px 2px">
<div style="font-size:22px;font-weight:bold;color:${color};line-height:1.1">${value}</div>
<div style="font-size:11px;color:${COLORS.muted};line-height:1.2">${escapeHtml(label)}</div></div></td>`;
}

export function renderHtml(model: DigestModel): string {
  const l = labelsFor(model.language);
  const tz = model.business.timezone;
  const c = model.counts;
  const headline = headlineOf(model);
  // The business name is shown above the heading: the heading says what happened.
  const prefix = `${model.business.name} — `;
  const heading = headline.startsWith(prefix) ? headline.slice(prefix.length) : headline;
  const rows: string[] = [];

  const short =
    model.language === "vi"
      ? { neg: "tiêu cực", all: "mới", overdue: "quá hạn", failed: "nguồn lỗi" }
      : { neg: "negative", all: "new", overdue: "overdue", failed: "failed sources" };
  rows.push(`<tr><td style="padding:20px 20px 8px 20px;${WRAP}">
<div style="font-size:13px;color:${COLORS.muted};margin-bottom:4px">${escapeHtml(model.business.name)}</div>
<h1 style="margin:0 0 6px 0;font-size:20px;line-height:1.3;color:${COLORS.text};${FONT}">${escapeHtml(heading.charAt(0).toUpperCase() + heading.slice(1))}</h1>
<div style="font-size:12px;color:${COLORS.muted}">${escapeHtml(l.window(localTime(model.window.since, tz), localTime(model.window.until, tz)))} (${escapeHtml(tz)})</div>
</td></tr>
<tr><td style="padding:4px 16px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed"><tr>
${tile(c.negative, short.neg, c.negative ? COLORS.red : COLORS.text, c.negative ? COLORS.redBg : COLORS.page)}
${tile(c.new, short.all, COLORS.text, COLORS.page)}
${tile(c.overdue, short.overdue, c.overdue ? COLORS.amber : COLORS.text, c.overdue ? COLORS.amberBg : COLORS.page)}
${tile(c.failedSources, short.failed, c.failedSources ? COLORS.red : COLORS.text, c.failedSources ? COLORS.redBg : COLORS.page)}
</tr></table></td></tr>`);

  if (model.failure)
    rows.push(
      section(
        "failure",
        l.failure,
        null,
        paragraphs(model.failure, `color:${COLORS.red};font-size:14px`),
        COLORS.red,
      ),
    );
  if (model.interrupted)
    rows.push(
      `<tr><td style="padding:8px 20px;color:${COLORS.amber};font-size:14px">${escapeHtml(l.interrupted)}</td></tr>`,
    );
  if (c.new === 0 && c.edited === 0 && c.removed === 0 && !model.failure)
    rows.push(
      `<tr><td style="padding:12px 20px;font-size:14px;color:${COLORS.muted}">${escapeHtml(l.nothingNew)}</td></tr>`,
    );

  if (model.negatives.length) {
    const more =
      c.negative > model.negatives.length
        ? `<div style="color:${COLORS.muted};font-size:13px">${escapeHtml(l.more(c.negative - model.negatives.length))}</div>`
        : "";
    rows.push(
      section(
        "negatives",
        l.negatives,
        c.negative,
        model.negatives.map((n) => negativeCard(n, l, tz)).join("\n") + more,
        COLORS.red,
      ),
    );
  }
  if (model.overdue.length) {
    const items = model.overdue.map((o) =>
      compactRow(
        o.review,
        l,
        tz,
        `<b style="color:${COLORS.amber}">${escapeHtml(l.overdueBy(o.hoursOverdue))}</b><br>`,
      ),
    );
    rows.push(
      section(
        "overdue",
        l.overdue,
        c.overdue,
        compactTable(items, c.overdue > items.length ? l.more(c.overdue - items.length) : null),
        COLORS.amber,
      ),
    );
  }
  const lists: [string, string, DigestReview[], number][] = [
    ["others", l.others, model.others, c.new - c.negative],
    ["edited", l.edited, model.edited, c.edited],
    ["removed", l.removed, model.removed, c.removed],
  ];
  for (const [id, title, items, total] of lists) {
    if (!items.length) continue;
    const rowsHtml = items.map((r) => compactRow(r, l, tz));
    rows.push(
      section(
        id,
        title,
        total,
        compactTable(rowsHtml, total > items.length ? l.more(total - items.length) : null),
      ),
    );
  }

  if (model.suspicious) {
    const line = l.suspiciousLine(
      model.suspicious.reviews,
      Object.entries(model.suspicious.kinds)
        .map(([k, n]) => `${l.suspiciousKind[k] ?? k}: ${n}`)
        .join(", "),
    );
    rows.push(
      section(
        "suspicious",
        l.suspicious,
        null,
        `<div style="font-size:14px;line-height:1.5;${WRAP}">${escapeHtml(line)}</div>`,
      ),
    );
  }

  if (model.themes?.length) {
    const items = model.themes.map(
      (t) =>
        `<tr><td style="padding:6px 0;border-bottom:1px solid ${COLORS.line};font-size:14px;${WRAP}"><b>${escapeHtml(t.label)}</b> <span style="color:${COLORS.muted}">${escapeHtml(l.themeCount(t.count, t.negative))}</span></td></tr>`,
    );
    rows.push(section("themes", l.themes, null, compactTable(items, null)));
  }

  if (model.total.stored.count) {
    rows.push(section("trend", l.trend(model.trendWeeks), null, trendChart(model.total.trend, l, tz)));
    const listingRows = [
      listingRow(model.total, l, model, true),
      ...model.listings.map((s) => listingRow(s, l, model)),
    ];
    rows.push(
      section(
        "listings",
        `${l.listings} (${l.period(model.trendWeeks)})`,
        null,
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="table-layout:fixed">${listingRows.join("\n")}</table>`,
      ),
    );
  }

  if (model.health.length) {
    const items: string[] = [];
    for (const h of model.health) {
      if (h.status !== "failed" && h.status !== "never" && !h.layoutChanged && h.cap == null) continue;
      const bad = h.status === "failed" || h.layoutChanged;
      const notes: string[] = [];
      if (h.status === "failed") {
        if (h.message) notes.push(`<div style="${WRAP}">${escapeHtml(cleanLine(h.message))}</div>`);
        notes.push(`<div style="color:${COLORS.text}">${escapeHtml(l.fixFor(h.errorKind))}</div>`);
      }
      if (h.layoutChanged && h.errorKind !== "layout-changed")
        notes.push(`<div>${escapeHtml(l.layoutChanged)}</div>`);
      if (h.cap != null) notes.push(`<div style="color:${COLORS.muted}">${escapeHtml(l.cap(h.cap))}</div>`);
      items.push(`<tr><td style="padding:8px 0;border-bottom:1px solid ${COLORS.line};font-size:13px;${WRAP}">
<b>${escapeHtml(h.label)}</b> <span style="color:${bad ? COLORS.red : COLORS.muted};font-weight:bold">${escapeHtml(l.status[h.status])}</span>${h.lastRunAt ? ` <span style="color:${COLORS.muted}">· ${escapeHtml(l.lastRun(localTime(h.lastRunAt, tz)))}</span>` : ""}
${notes.join("\n")}</td></tr>`);
    }
    if (!model.health.some((h) => h.status === "failed" || h.layoutChanged))
      items.unshift(
        `<tr><td style="padding:8px 0;font-size:13px;color:${COLORS.green}">${escapeHtml(l.allHealthy)}</td></tr>`,
      );
    rows.push(section("health", l.health, null, compactTable(items, null)));
  }

  rows.push(
    `<tr><td style="padding:16px 20px 20px 20px;font-size:12px;color:${COLORS.muted};border-top:1px solid ${COLORS.line};${WRAP}">${escapeHtml(l.footer)}</td></tr>`,
  );

  return `<!DOCTYPE html>
<html lang="${model.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(headline)}</title>
</head>
<body style="margin:0;padding:0;background:${COLORS.page};color:${COLORS.text};${FONT};-webkit-text-size-adjust:100%">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLORS.page};table-layout:fixed">
<tr><td align="center" style="padding:12px 6px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background:${COLORS.card};border-radius:8px;table-layout:fixed;${FONT};color:${COLORS.text}">
${rows.join("\n")}
</table>
</td></tr>
</table>
</body>
</html>
`;
}
