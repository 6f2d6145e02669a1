// The reply templates in use: the built-in packs, overridden or added to by the owner's own files in
// a templates/ folder beside the config (or in the XDG config dir).
//
// A user template is one file: templates/KIND.VARIANT.LANG.txt, e.g. negative.1.vi.txt (replaces
// the first built-in Vietnamese negative) or positive.cafe.en.txt (adds a variant). KIND is one of
// TEMPLATE_KINDS; LANG a language tag (en, vi, et, or another: a pack of your own).
import fs from "node:fs";
import path from "node:path";
import { BUILT_IN, isTemplateKind, TEMPLATE_KINDS, type TemplateKind } from "./packs.js";
import { parseTemplate, TemplateSyntaxError } from "./render.js";

export interface Template {
  /** KIND.VARIANT, e.g. "negative.2". */
  name: string;
  kind: TemplateKind;
  variant: string;
  language: string;
  /** "built-in", or the file it came from. */
  origin: string;
  text: string;
  nodes: ReturnType<typeof parseTemplate>;
}

export interface TemplateProblem {
  file: string;
  message: string;
}

const FILE = /^([a-z-]+)\.([A-Za-z0-9_-]+)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.txt$/;
const MAX_BYTES = 16 * 1024;

/**
 * Variant names in natural order ("2" before "10"), as `localeCompare(…, "en", { numeric: true })`
 * orders them. That call made a collator per comparison (10 ms for the 25 drafts of a digest), and
 * making even one costs about 9 ms: built-in variants are plain numbers, compared as numbers (the
 * collator's order for numbers without leading zeros), and one collator serves the other names.
 */
let collator: Intl.Collator | undefined;
const NUMBER = /^[1-9][0-9]{0,14}$/;
function sortVariants(list: Template[]): Template[] {
  if (list.every((t) => NUMBER.test(t.variant))) return list.sort((a, b) => +a.variant - +b.variant);
  collator ??= new Intl.Collator("en", { numeric: true });
  return list.sort((a, b) => collator!.compare(a.variant, b.variant));
}

export class TemplateSet {
  readonly templates: Template[] = [];
  readonly problems: TemplateProblem[] = [];
  /** The folder user templates were read from (null: none found). */
  dir: string | null = null;

  /** Variants for a kind in a language, in a stable order (built-in numbers first, then by name). */
  variants(kind: TemplateKind, language: string): Template[] {
    return sortVariants(this.templates.filter((t) => t.kind === kind && t.language === language));
  }

  /** "negative" (every variant) or "negative.2" (that one), in a language. */
  find(name: string, language: string): Template[] {
    const [kind, variant] = name.split(".", 2);
    if (!kind || !isTemplateKind(kind)) return [];
    const all = this.variants(kind, language);
    return variant ? all.filter((t) => t.variant === variant) : all;
  }

  languages(): string[] {
    return [...new Set(this.templates.map((t) => t.language))].sort();
  }

  hasLanguage(language: string): boolean {
    return this.templates.some((t) => t.language === language);
  }

  private put(t: Template): void {
    const i = this.templates.findIndex(
      (x) => x.kind === t.kind && x.variant === t.variant && x.language === t.language,
    );
    if (i >= 0) this.templates[i] = t;
    else this.templates.push(t);
  }

  static builtIn(): TemplateSet {
    const set = new TemplateSet();
    for (const [language, pack] of Object.entries(BUILT_IN)) {
      for (const kind of TEMPLATE_KINDS) {
        pack.templates[kind].forEach((text, i) => {
          const variant = String(i + 1);
          set.put({
            name: `${kind}.${variant}`,
            kind,
            variant,
            language,
            origin: "built-in",
            text,
            nodes: parseTemplate(text),
          });
        });
      }
    }
    return set;
  }

  /** Built-ins plus the files in `dir` (when it exists). Bad files are recorded, never fatal. */
  static load(dir: string | null): TemplateSet {
    const set = TemplateSet.builtIn();
    if (!dir || !fs.existsSync(dir)) return set;
    set.dir = dir;
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (err) {
      set.problems.push({ file: dir, message: `cannot read the folder: ${(err as Error).message}` });
      return set;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      if (name.startsWith(".") || name.toLowerCase() === "readme.md") continue;
      const m = FILE.exec(name);
      if (!m) {
        set.problems.push({
          file,
          message: `not a template name: expected KIND.VARIANT.LANG.txt, e.g. negative.1.vi.txt (kinds: ${TEMPLATE_KINDS.join(", ")})`,
        });
        continue;
      }
      const [, kind = "", variant = "", language = ""] = m;
      if (!isTemplateKind(kind)) {
        set.problems.push({
          file,
          message: `unknown kind "${kind}": expected one of ${TEMPLATE_KINDS.join(", ")}`,
        });
        continue;
      }
      let text: string;
      try {
        const buf = fs.readFileSync(file);
        if (buf.length > MAX_BYTES) {
          set.problems.push({
            file,
            message: `larger than ${MAX_BYTES / 1024} KB: a reply template is a few lines`,
          });
          continue;
        }
        text = new TextDecoder("utf-8", { fatal: true }).decode(buf).replace(/^\uFEFF/, "");
      } catch (err) {
        set.problems.push({
          file,
          message:
            err instanceof TypeError
              ? "not UTF-8 text: save it as UTF-8"
              : `cannot read it: ${(err as Error).message}`,
        });
        continue;
      }
      try {
        set.put({
          name: `${kind}.${variant}`,
          kind,
          variant,
          language: language.toLowerCase(),
          origin: file,
          text,
          nodes: parseTemplate(text),
        });
      } catch (err) {
        if (err instanceof TemplateSyntaxError) set.problems.push({ file, message: err.message });
        else throw err;
      }
    }
    return set;
  }
}

/** Where user templates live: templates/ beside the config file, else $XDG_CONFIG_HOME/reviews/templates. */
export function templatesDir(configFile: string | null, xdgConfigDir: string): string | null {
  const candidates = [
    configFile ? path.join(path.dirname(configFile), "templates") : null,
    path.join(xdgConfigDir, "templates"),
  ];
  return candidates.find((d): d is string => d != null && fs.existsSync(d)) ?? candidates[0] ?? null;
}

/** FNV-1a: the same review always gets the same variant, neighbours usually get different ones. */
export function stableIndex(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return n > 0 ? (h >>> 0) % n : 0;
}
