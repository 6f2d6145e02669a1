// Renderers: hostile review text (HTML, <script>, CR/LF, escape sequences, bidi overrides,
// javascript: links) arrives inert in every format.
import { describe, expect, it } from "vitest";
import { buildDigest, failureDigest } from "../../src/digest/model.js";
import { escapeHtml, renderHtml } from "../../src/digest/render-html.js";
import { mdEscape, renderMarkdown } from "../../src/digest/render-markdown.js";
import { renderText } from "../../src/digest/render-text.js";
import { headerSafe, renderAll } from "../../src/digest/send.js";
import { tempDir } from "../helpers/cli.js";
import { buildHandStore, handConfig, NOW, SINCE } from "./fixture.js";

const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u202A-\u202E\u2066-\u2069]/;

function model(language = "en") {
  return buildDigest(buildHandStore(tempDir()).store, handConfig(language), { since: SINCE, now: NOW });
}

describe("escapeHtml", () => {
  it("escapes & < > \" ' and drops controls and escape sequences", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(escapeHtml("a\x1b[31mb\x1b[0m\u202Ec")).toBe("abc");
    expect(escapeHtml(null)).toBe("");
  });
});

describe("renderHtml", () => {
  const html = renderHtml(model());

  it("contains no tag, attribute or link from a review", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).not.toMatch(/<[^>]*onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="(?!https?:)/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(
      "&lt;a href=&quot;javascript:alert(3)&quot;&gt;click&lt;/a&gt; &amp; &quot;quotes&quot; &#39;single&#39;",
    );
    expect(html).toContain('href="https://maps.google.com/?cid=123&amp;review=n2"');
    expect(html).not.toMatch(CONTROL);
    expect(html).not.toContain("\r");
    expect(html).not.toContain("RED\x1b");
  });

  it("is a self-contained page: no scripts, no external resources, inline styles only", () => {
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|style)\b/i);
    expect(html).not.toMatch(/<[^>]*\ssrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html.match(/<table/g)!.length).toBeGreaterThan(5);
  });

  it("puts the negatives first, then overdue, other, edited, removed, the trend and source health", () => {
    const order = ["negatives", "overdue", "others", "edited", "removed", "trend", "listings", "health"].map(
      (id) => html.indexOf(`id="${id}"`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("speaks Vietnamese when the business does", () => {
    const vi = renderHtml(model("vi"));
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain("Đánh giá tiêu cực mới");
    expect(vi).toContain("Phản hồi quá hạn");
  });

  it("renders a failure digest", () => {
    const f = renderHtml(failureDigest(handConfig(), "database is locked <b>", NOW));
    expect(f).toContain('id="failure"');
    expect(f).toContain("database is locked &lt;b&gt;");
  });
});

describe("renderText", () => {
  const text = renderText(model());
  it("keeps the words but no escape sequence, control or bidi override", () => {
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain("\r");
    expect(text).toContain("<script>alert(1)</script>"); // plain text: shown as words, nothing renders it
    expect(text).toContain("Mallory Bcc: attacker@evil.example");
    expect(text).not.toMatch(/Open the review: (?!https:)/);
    expect(text).toContain("Open the review: https://maps.google.com/?cid=123&review=n2");
    expect(text.split("\n")[0]).toBe(
      "Gió Mùa Kitchen — 3 new negative reviews, 5 new in total, 2 replies overdue, 1 source failed",
    );
  });
});

describe("renderMarkdown", () => {
  const md = renderMarkdown(model());
  it("escapes every character that could start markup", () => {
    expect(mdEscape("<b>[x](javascript:y)</b> *a* _b_ `c` # d | e")).toBe(
      "\\<b\\>\\[x\\]\\(javascript:y\\)\\</b\\> \\*a\\* \\_b\\_ \\`c\\` \\# d \\| e",
    );
    expect(md).not.toMatch(/(?<!\\)<(script|img|a |b>)/);
    expect(md).not.toMatch(/\]\(<?javascript:/i);
    expect(md).toContain("[Open the review](<https://maps.google.com/?cid=123&review=n2>)");
    expect(md).not.toMatch(CONTROL);
    expect(md).not.toContain("\r");
    // a review line cannot become a heading or a list item
    expect(md).not.toMatch(/^#+ .*Bcc: victim/m);
  });
});

describe("subject", () => {
  it("is one line: no CR/LF from anything", () => {
    expect(headerSafe("a\r\nBcc: x@y.z\u2028b\x1b[31m")).toBe("a Bcc: x@y.z b");
    const r = renderAll(model());
    expect(r.subject).toBe(
      "Gió Mùa Kitchen — 3 new negative reviews, 5 new in total, 2 replies overdue, 1 source failed",
    );
    expect(r.subject).not.toMatch(/[\r\n]/);
  });
});
