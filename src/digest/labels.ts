// The digest's words, in English and Vietnamese (config business.language picks them), and the
// small formatting helpers every renderer shares. Nothing here escapes: renderers do.
import { formatLocal } from "../domain/dates.js";
import type { DigestLanguage, DigestModel, DigestReview, SourceHealth } from "./model.js";

export interface Labels {
  headline(model: DigestModel): string;
  window(since: string, until: string): string;
  failure: string;
  interrupted: string;
  negatives: string;
  overdue: string;
  others: string;
  edited: string;
  removed: string;
  listings: string;
  trend(weeks: number): string;
  health: string;
  themes: string;
  nothingNew: string;
  allHealthy: string;
  draft(language: string, site: string): string;
  findings: string;
  noDraft: string;
  openReview: string;
  translation: string;
  ratingOnly: string;
  anonymous: string;
  excerpt: string;
  more(n: number): string;
  overdueBy(hours: number): string;
  dueBy(when: string): string;
  reviews(n: number): string;
  siteRating: string;
  ourAverage: string;
  newInWindow(n: number): string;
  replied(rate: string): string;
  medianReply(hours: string): string;
  inTime(rate: string): string;
  period(weeks: number): string;
  noReplies: string;
  weekOf: string;
  status: Record<SourceHealth["status"], string>;
  layoutChanged: string;
  cap(n: number): string;
  lastRun(when: string): string;
  fixFor(kind: string | null): string;
  footer: string;
  themeCount(n: number, negative: number): string;
  suspicious: string;
  suspiciousLine(n: number, kinds: string): string;
  suspiciousKind: Record<string, string>;
  recommends: string;
  notRecommended: string;
  removedAt(when: string): string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function hoursSpan(h: number, units: { h: string; day: string; days: string }): string {
  const abs = Math.abs(h);
  if (abs >= 48) return `${Math.round(abs / 24)} ${units.days}`;
  if (abs >= 24) return `1 ${units.day}`;
  return `${Math.max(1, Math.round(abs))} ${units.h}`;
}

const EN: Labels = {
  headline(m) {
    const c = m.counts;
    const name = m.business.name;
    if (m.failure) return `${name} — the review check failed`;
    const parts: string[] = [];
    if (c.negative) parts.push(plural(c.negative, "new negative review", "new negative reviews"));
    if (c.new === 0) parts.push("no new reviews");
    else parts.push(c.negative ? `${c.new} new in total` : plural(c.new, "new review", "new reviews"));
    if (c.overdue) parts.push(plural(c.overdue, "reply overdue", "replies overdue"));
    if (c.failedSources) parts.push(plural(c.failedSources, "source failed", "sources failed"));
    return `${name} — ${parts.join(", ")}`;
  },
  window: (since, until) => `${since} → ${until}`,
  failure: "The review check failed",
  interrupted: "The check was interrupted: some sources were not checked. The next run finishes them.",
  negatives: "New negative reviews",
  overdue: "Replies overdue",
  others: "Other new reviews",
  edited: "Edited by their reviewers",
  removed: "No longer on the site",
  listings: "Ratings by listing",
  trend: (w) => `Reviews per week, last ${w} weeks`,
  health: "Source health",
  themes: "Top complaint themes",
  nothingNew: "Nothing new in this period.",
  allHealthy: "Every source was checked without problems.",
  draft: (lang, site) => `Reply draft (${lang}) — edit it, then post it on ${site}`,
  findings: "Checker findings",
  noDraft: "No draft: answer this one in person.",
  openReview: "Open the review",
  translation: "Translation",
  ratingOnly: "(rating only, no text)",
  anonymous: "(anonymous)",
  excerpt: "(excerpt: the site shows only the beginning)",
  more: (n) => `… and ${n} more (see: reviews list)`,
  overdueBy: (h) => `overdue by ${hoursSpan(h, { h: "h", day: "day", days: "days" })}`,
  dueBy: (when) => `reply due by ${when}`,
  reviews: (n) => plural(n, "review", "reviews"),
  siteRating: "on the site",
  ourAverage: "stored",
  newInWindow: (n) => `${n} new`,
  replied: (rate) => `${rate} replied`,
  medianReply: (h) => `median reply ${h}`,
  inTime: (rate) => `${rate} answered in time`,
  period: (w) => `last ${w} weeks`,
  noReplies: "no replies yet",
  weekOf: "week of",
  status: { ok: "OK", baseline: "first run (baseline)", failed: "FAILED", never: "not checked yet" },
  layoutChanged: "the site's page layout changed: update reviews-cli (npm install -g reviews-cli)",
  cap: (n) => `this method shows at most ${n} reviews per listing: older ones are not seen`,
  lastRun: (when) => `last checked ${when}`,
  fixFor(kind) {
    switch (kind) {
      case "auth":
        return "Fix: check the key or token the message names (reviews doctor).";
      case "not-found":
        return "Fix: check the source's id or URL in the config.";
      case "rate-limited":
        return "Usually temporary: the next run tries again. If it repeats, check less often.";
      case "blocked":
        return "The site refused automated access: use its API method if there is one (README, sites).";
      case "layout-changed":
        return "Fix: update reviews-cli; if it persists, report it.";
      case "network":
      case "timeout":
        return "Usually temporary: the next run tries again.";
      case "config":
        return "Fix: correct the source in the config (reviews doctor shows what is wrong).";
      case "invalid-response":
        return "Usually temporary; if it repeats, report it.";
      default:
        return "See: reviews doctor";
    }
  },
  footer:
    "Sent by reviews. Drafts are suggestions: nothing is posted for you. Mark a review done with: reviews mark ID replied",
  themeCount: (n, neg) => `${plural(n, "review", "reviews")}${neg ? `, ${neg} negative` : ""}`,
  suspicious: "Worth a second look",
  suspiciousLine: (n, kinds) =>
    `${plural(n, "recent review looks", "recent reviews look")} fake or break the site's rules (${kinds}): see reviews suspicious for each one and where to report it.`,
  suspiciousKind: {
    "duplicate-text": "copied text",
    burst: "a burst of ratings",
    "repeat-reviewer": "one reviewer many times",
    abusive: "abusive",
  },
  recommends: "recommends",
  notRecommended: "does not recommend",
  removedAt: (when) => `removed ${when}`,
};

const VI: Labels = {
  headline(m) {
    const c = m.counts;
    const name = m.business.name;
    if (m.failure) return `${name} — lần kiểm tra đánh giá thất bại`;
    const parts: string[] = [];
    if (c.negative) parts.push(`${c.negative} đánh giá tiêu cực mới`);
    if (c.new === 0) parts.push("không có đánh giá mới");
    else parts.push(c.negative ? `tổng cộng ${c.new} đánh giá mới` : `${c.new} đánh giá mới`);
    if (c.overdue) parts.push(`${c.overdue} phản hồi quá hạn`);
    if (c.failedSources) parts.push(`${c.failedSources} nguồn bị lỗi`);
    return `${name} — ${parts.join(", ")}`;
  },
  window: (since, until) => `${since} → ${until}`,
  failure: "Lần kiểm tra đánh giá thất bại",
  interrupted: "Lần kiểm tra bị gián đoạn: một số nguồn chưa được kiểm tra. Lần chạy sau sẽ hoàn tất.",
  negatives: "Đánh giá tiêu cực mới",
  overdue: "Phản hồi quá hạn",
  others: "Các đánh giá mới khác",
  edited: "Đánh giá đã được người viết sửa",
  removed: "Không còn trên trang",
  listings: "Điểm đánh giá theo trang",
  trend: (w) => `Số đánh giá mỗi tuần, ${w} tuần qua`,
  health: "Tình trạng các nguồn",
  themes: "Chủ đề phàn nàn nổi bật",
  nothingNew: "Không có gì mới trong khoảng thời gian này.",
  allHealthy: "Mọi nguồn đều được kiểm tra bình thường.",
  draft: (lang, site) => `Bản nháp phản hồi (${lang}) — chỉnh sửa rồi đăng trên ${site}`,
  findings: "Lưu ý của bộ kiểm tra",
  noDraft: "Không có bản nháp: hãy trực tiếp trả lời đánh giá này.",
  openReview: "Mở đánh giá",
  translation: "Bản dịch",
  ratingOnly: "(chỉ chấm điểm, không có nội dung)",
  anonymous: "(ẩn danh)",
  excerpt: "(trích đoạn: trang chỉ hiển thị phần đầu)",
  more: (n) => `… và ${n} đánh giá khác (xem: reviews list)`,
  overdueBy: (h) => `quá hạn ${hoursSpan(h, { h: "giờ", day: "ngày", days: "ngày" })}`,
  dueBy: (when) => `cần phản hồi trước ${when}`,
  reviews: (n) => `${n} đánh giá`,
  siteRating: "trên trang",
  ourAverage: "đã lưu",
  newInWindow: (n) => `${n} mới`,
  replied: (rate) => `đã phản hồi ${rate}`,
  medianReply: (h) => `thời gian phản hồi trung vị ${h}`,
  inTime: (rate) => `${rate} phản hồi đúng hạn`,
  period: (w) => `${w} tuần qua`,
  noReplies: "chưa có phản hồi",
  weekOf: "tuần từ",
  status: { ok: "OK", baseline: "lần chạy đầu (mốc ban đầu)", failed: "LỖI", never: "chưa kiểm tra" },
  layoutChanged: "bố cục trang đã thay đổi: hãy cập nhật reviews-cli (npm install -g reviews-cli)",
  cap: (n) => `cách lấy dữ liệu này chỉ thấy tối đa ${n} đánh giá mỗi trang: đánh giá cũ hơn không được thấy`,
  lastRun: (when) => `kiểm tra lần cuối ${when}`,
  fixFor(kind) {
    switch (kind) {
      case "auth":
        return "Cách sửa: kiểm tra khóa hoặc token được nêu trong thông báo (reviews doctor).";
      case "not-found":
        return "Cách sửa: kiểm tra id hoặc URL của nguồn trong tệp cấu hình.";
      case "rate-limited":
        return "Thường chỉ tạm thời: lần chạy sau sẽ thử lại. Nếu lặp lại, hãy kiểm tra thưa hơn.";
      case "blocked":
        return "Trang từ chối truy cập tự động: hãy dùng cách qua API nếu có (README, phần các trang).";
      case "layout-changed":
        return "Cách sửa: cập nhật reviews-cli; nếu vẫn lỗi, hãy báo lại.";
      case "network":
      case "timeout":
        return "Thường chỉ tạm thời: lần chạy sau sẽ thử lại.";
      case "config":
        return "Cách sửa: sửa nguồn trong tệp cấu hình (reviews doctor chỉ ra chỗ sai).";
      case "invalid-response":
        return "Thường chỉ tạm thời; nếu lặp lại, hãy báo lại.";
      default:
        return "Xem: reviews doctor";
    }
  },
  footer:
    "Gửi từ reviews. Bản nháp chỉ là gợi ý: không có gì được tự động đăng. Đánh dấu đã xong bằng: reviews mark ID replied",
  themeCount: (n, neg) => `${n} đánh giá${neg ? `, ${neg} tiêu cực` : ""}`,
  suspicious: "Cần xem lại",
  suspiciousLine: (n, kinds) =>
    `${n} đánh giá gần đây có dấu hiệu giả mạo hoặc vi phạm quy định của trang (${kinds}): chạy reviews suspicious để xem từng đánh giá và nơi báo cáo.`,
  suspiciousKind: {
    "duplicate-text": "nội dung sao chép",
    burst: "đánh giá dồn dập",
    "repeat-reviewer": "một người đánh giá nhiều lần",
    abusive: "lời lẽ xúc phạm",
  },
  recommends: "giới thiệu",
  notRecommended: "không giới thiệu",
  removedAt: (when) => `bị gỡ lúc ${when}`,
};

export const LABELS: Record<DigestLanguage, Labels> = { en: EN, vi: VI };

export function labelsFor(language: DigestLanguage): Labels {
  return LABELS[language];
}

// ---- formatting shared by the renderers (values still unescaped) ----

/** "★★☆☆☆" and "2/5", or the recommendation in words. */
export function starsOf(
  r: Pick<DigestReview, "rating" | "recommendation">,
  labels: Labels,
): {
  stars: string;
  score: string;
} {
  if (r.rating == null) {
    const word =
      r.recommendation === "positive"
        ? labels.recommends
        : r.recommendation === "negative"
          ? labels.notRecommended
          : "–";
    return { stars: "", score: word };
  }
  const n = Math.max(0, Math.min(5, Math.round(r.rating)));
  return { stars: "★".repeat(n) + "☆".repeat(5 - n), score: `${formatNumber(r.rating)}/5` };
}

export function formatNumber(n: number, digits = 1): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

export function percent(rate: number | null): string {
  return rate == null ? "–" : `${Math.round(rate * 100)}%`;
}

export function hoursText(h: number | null, language: DigestLanguage): string {
  if (h == null) return "–";
  const [hour, day] = language === "vi" ? ["giờ", "ngày"] : ["h", "d"];
  if (h >= 48) return `${formatNumber(Math.round((h / 24) * 10) / 10)} ${day}`;
  return `${formatNumber(Math.round(h * 10) / 10)} ${hour}`;
}

/** When a review was published, in the business's zone (or as the site wrote it). */
export function reviewDate(r: DigestReview, tz: string): string {
  if (r.publishedAt) return formatLocal(r.publishedAt, tz, false);
  return r.publishedRaw ?? formatLocal(r.firstSeenAt, tz, false);
}

export function localTime(iso: string, tz: string): string {
  return formatLocal(iso, tz, true);
}

export function shortDate(iso: string, tz: string): string {
  // "11-24" (month-day): short enough for a chart axis on a phone.
  return formatLocal(iso, tz, false).slice(5);
}

/** The subject / title line, before header sanitising. */
export function headlineOf(model: DigestModel): string {
  return labelsFor(model.language).headline(model);
}
