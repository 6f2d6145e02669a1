// A self-contained testimonial page: everything escaped, schema.org Review JSON-LD, no scripts to run.
import type { Testimonial } from "./testimonials.js";
import { cleanText, safeUrl } from "../util/sanitize.js";
import { siteName } from "../domain/review.js";

/** Text for HTML: escape sequences, control characters and bidi overrides removed, then escaped. */
export function escapeHtml(value: string | number | null | undefined): string {
  return cleanText(String(value ?? ""))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON inside <script>: no "</script>", no "<!--", no line separators that end the block. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? cleanText(v) : v))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function stars(rating: number | null): string {
  if (rating == null) return "";
  const full = Math.floor(rating);
  const half = rating - full >= 0.5;
  return "★".repeat(full) + (half ? "½" : "") + "☆".repeat(5 - full - (half ? 1 : 0));
}

export function testimonialsHtml(items: Testimonial[], business: string): string {
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "LocalBusiness",
    name: business,
    review: items.map((t) => ({
      "@type": "Review",
      author: { "@type": "Person", name: t.author ?? "Anonymous" },
      ...(t.rating != null
        ? { reviewRating: { "@type": "Rating", ratingValue: t.rating, bestRating: 5, worstRating: 1 } }
        : {}),
      reviewBody: t.text,
      ...(t.date ? { datePublished: t.date } : {}),
      ...(t.language ? { inLanguage: t.language } : {}),
      ...(safeUrl(t.url) ? { url: safeUrl(t.url) } : {}),
    })),
  };
  const cards = items
    .map((t) => {
      const link = safeUrl(t.url);
      const source = `${escapeHtml(siteName(t.site))}${t.date ? `, ${escapeHtml(t.date)}` : ""}`;
      return `  <figure class="t"${t.language ? ` lang="${escapeHtml(t.language)}"` : ""}>
    ${t.rating != null ? `<div class="stars" aria-label="${escapeHtml(t.rating)} of 5 stars">${stars(t.rating)}</div>` : ""}
    <blockquote>${escapeHtml(t.text).replace(/\n/g, "<br>")}</blockquote>
    <figcaption>— ${escapeHtml(t.author ?? "Anonymous")} · ${link ? `<a href="${escapeHtml(link)}" rel="nofollow noopener">${source}</a>` : source}</figcaption>
  </figure>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(business)} — what our customers say</title>
<style>
  .testimonials { font-family: system-ui, sans-serif; max-width: 760px; margin: 0 auto; padding: 1rem; }
  .t { margin: 0 0 1.25rem; padding: 1rem 1.25rem; border: 1px solid #ddd; border-radius: 8px; overflow-wrap: anywhere; }
  .t blockquote { margin: .5rem 0; font-size: 1.05rem; line-height: 1.5; }
  .t figcaption { color: #555; font-size: .9rem; }
  .stars { color: #e7a400; letter-spacing: 2px; }
</style>
<script type="application/ld+json">${jsonForScript(jsonLd)}</script>
</head>
<body>
<section class="testimonials">
  <h1>${escapeHtml(business)} — what our customers say</h1>
${cards}
</section>
</body>
</html>
`;
}
