// `reviews templates list|show|check`: the reply templates in use (built-in and your own), and a
// check that each parses and that what it renders passes the draft checker.
import type { AppContext } from "../context.js";
import { ExitCode, UsageError } from "../../errors.js";
import { cleanLine, cleanText } from "../../util/sanitize.js";
import type { Template, TemplateSet } from "../../replies/templates.js";
import type { Config } from "../../config/schema.js";
import type { StoredReview } from "../../domain/review.js";

interface Flags {
  lang?: string;
  json?: boolean;
}

const SAMPLE_NAMES: Record<string, string> = { vi: "Nguyễn Thị Lan", et: "Liis Saar", en: "Tom Becker" };
const SAMPLE_TEXT: Record<string, { negative: string; positive: string }> = {
  en: {
    negative: "We waited an hour and the pho was cold.",
    positive: "Lovely evening, the pho was perfect.",
  },
  vi: { negative: "Chờ một tiếng, phở thì nguội.", positive: "Buổi tối tuyệt vời, phở rất ngon." },
  et: {
    negative: "Ootasime tund aega ja toit oli külm.",
    positive: "Imeline õhtu, kevadrullid olid värsked.",
  },
};

/** A made-up review that calls for this template, in its language, to render and check it. */
function sampleReview(t: Template, site: StoredReview["site"]): StoredReview {
  const lang = SAMPLE_TEXT[t.language] ? t.language : "en";
  const texts = SAMPLE_TEXT[lang]!;
  const negative = ["negative", "negative-urgent", "mixed", "rating-only-negative"].includes(t.kind);
  const textless = t.kind.startsWith("rating-only") || t.kind === "recommendation-only";
  return {
    id: 0,
    source: "sample",
    site,
    externalId: `sample-${t.name}`,
    author: { name: SAMPLE_NAMES[lang] ?? "Tom Becker", url: null },
    rating: t.kind === "recommendation-only" ? null : t.kind === "mixed" ? 3 : negative ? 1 : 5,
    recommendation: t.kind === "recommendation-only" ? "positive" : null,
    title: null,
    text: textless ? null : negative ? texts.negative : texts.positive,
    originalText: null,
    textLanguage: null,
    language: t.language,
    publishedAt: null,
    publishedPrecision: null,
    publishedRaw: null,
    siteUpdatedAt: null,
    url: null,
    ownerReply: null,
    excerpt: false,
    firstSeenAt: "2026-01-01T00:00:00.000Z",
    lastSeenAt: "2026-01-01T00:00:00.000Z",
    removedAt: null,
    baseline: false,
    status: "open",
    assignee: null,
    note: null,
    repliedAt: null,
    permission: "unknown",
  };
}

export interface TemplateReport {
  name: string;
  language: string;
  origin: string;
  problems: { site: string; code: string; message: string }[];
}

/** Renders every template for a sample review on Google and on Tripadvisor and checks the result. */
export async function checkTemplates(set: TemplateSet, config: Config): Promise<TemplateReport[]> {
  const { makeDraft } = await import("../../replies/draft.js");
  const { classify, classifyOptions } = await import("../../classify/index.js");
  const withContact: Config = {
    ...config,
    business: {
      ...config.business,
      contact: {
        name: config.business.contact.name ?? "Linh",
        email: config.business.contact.email ?? "care@example.com",
        phone: config.business.contact.phone,
      },
    },
  };
  return set.templates.map((t) => {
    const problems: TemplateReport["problems"] = [];
    for (const site of ["google", "tripadvisor"] as const) {
      const review = sampleReview(t, site);
      const classification = classify(review, classifyOptions(withContact));
      const { draft } = makeDraft(review, withContact, {
        templates: set,
        template: `${t.kind}.${t.variant}`,
        language: t.language,
        classification,
      });
      for (const f of draft?.findings ?? []) problems.push({ site, code: f.code, message: f.message });
    }
    return { name: t.name, language: t.language, origin: t.origin, problems };
  });
}

export async function list(ctx: AppContext, flags: Flags): Promise<number> {
  const set = await ctx.templates();
  const rows = set.templates
    .filter((t) => !flags.lang || t.language === flags.lang)
    .sort(
      (a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name, "en", { numeric: true }),
    );
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        {
          folder: set.dir,
          templates: rows.map((t) => ({
            name: t.name,
            kind: t.kind,
            variant: t.variant,
            language: t.language,
            origin: t.origin,
          })),
          problems: set.problems,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const { default: Table } = await import("cli-table3");
  const table = new Table({
    head: ["template", "lang", "from", "begins"],
    style: { head: ctx.io.isTTY ? ["bold"] : [], border: [] },
    wordWrap: false,
  });
  for (const t of rows) {
    const first = t.text
      .replace(/\{\{\s*[#^/!][^}]*\}\}/g, "")
      .replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, "‹$1›")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 48);
    table.push([
      t.name,
      t.language,
      t.origin === "built-in" ? "built-in" : cleanLine(t.origin),
      cleanLine(first),
    ]);
  }
  ctx.io.out(table.toString());
  ctx.io.err(
    set.dir
      ? `Your templates: ${cleanLine(set.dir)} (KIND.VARIANT.LANG.txt; same name as a built-in replaces it).`
      : `No templates folder yet: create templates/ beside your config, with files named KIND.VARIANT.LANG.txt (e.g. negative.1.vi.txt).`,
  );
  return 0;
}

export async function show(ctx: AppContext, name: string, flags: Flags): Promise<number> {
  const set = await ctx.templates();
  const lang = flags.lang ?? "en";
  const found = set.find(name, lang);
  if (found.length === 0)
    throw new UsageError(
      `no template "${cleanLine(name)}" in ${cleanLine(lang)}: see reviews templates list${flags.lang ? "" : " (other languages: --lang vi, --lang et)"}`,
    );
  const { VARIABLES } = await import("../../replies/render.js");
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        found.map((t) => ({ name: t.name, language: t.language, origin: t.origin, text: t.text })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const t of found) {
    ctx.io.err(
      ctx.io.colorErr.dim(
        `${t.name} (${t.language}, ${t.origin === "built-in" ? "built-in" : cleanLine(t.origin)})`,
      ),
    );
    ctx.io.out(cleanText(t.text));
    if (found.length > 1) ctx.io.out("");
  }
  ctx.io.err(
    ctx.io.colorErr.dim(
      `Variables: ${Object.keys(VARIABLES)
        .map((v) => `{{${v}}}`)
        .join(" ")}; {{#x}}…{{/x}} only when x has text, {{^x}}…{{/x}} only when not.`,
    ),
  );
  return 0;
}

export async function check(ctx: AppContext, flags: Flags): Promise<number> {
  const set = await ctx.templates({ warn: false });
  const { config } = await ctx.configOrDefaults();
  const reports = (await checkTemplates(set, config)).filter((r) => !flags.lang || r.language === flags.lang);
  const bad = reports.filter((r) => r.problems.length);
  if (flags.json) {
    ctx.io.out(
      JSON.stringify(
        { folder: set.dir, checked: reports.length, files: set.problems, templates: bad },
        null,
        2,
      ),
    );
  } else {
    for (const p of set.problems) ctx.io.out(`${cleanLine(p.file)}: ${cleanLine(p.message)}`);
    for (const r of bad)
      for (const p of r.problems)
        ctx.io.out(
          `${r.name} (${r.language}, ${r.origin === "built-in" ? "built-in" : cleanLine(r.origin)}) on ${p.site}: ${p.code}: ${cleanLine(p.message)}`,
        );
    const own = set.templates.filter((t) => t.origin !== "built-in").length;
    ctx.io.err(
      `Checked ${reports.length} template${reports.length === 1 ? "" : "s"} (${own} your own) on Google and Tripadvisor: ` +
        (bad.length + set.problems.length === 0
          ? "all pass."
          : `${bad.length + set.problems.length} with problems (above).`),
    );
  }
  return bad.length + set.problems.length ? ExitCode.findings : 0;
}
