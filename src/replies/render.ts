// A logic-less template language for reply drafts, a small subset of Mustache:
//   {{name}}                  the variable's text (empty when it has none)
//   {{#name}}…{{/name}}       the part inside only when the variable has text
//   {{^name}}…{{/name}}       the part inside only when it has none
//   {{! a comment }}          dropped
// There are no expressions, calls, loops, partials or lookups into objects: a variable is one of a
// fixed list of names, read from a Map, so a user template cannot reach code or prototypes.

export const VARIABLES = {
  name: "the reviewer's first name (empty when unknown, anonymous, or on TripAdvisor)",
  business: "the business's name",
  contact: "the direct contact: name, e-mail and phone, as given",
  contactName: "who answers (business.contact.name)",
  contactEmail: "business.contact.email",
  contactPhone: "business.contact.phone",
  signature: "how replies are signed (business.signature)",
  site: "the site's name (Google, Yelp…)",
  topic: "a sentence about what went wrong (cold food, a long wait…), in the template's language",
  detail: "something the reviewer named (a dish, an occasion), for positive replies",
} as const;

export type VariableName = keyof typeof VARIABLES;
export type Variables = ReadonlyMap<VariableName, string>;

export const isVariable = (name: string): name is VariableName => Object.hasOwn(VARIABLES, name);

type Node =
  | { type: "text"; text: string }
  | { type: "var"; name: string }
  | { type: "section"; name: string; inverted: boolean; children: Node[] };

export class TemplateSyntaxError extends Error {}

const TAG = /\{\{\s*([#^/!]?)\s*([^}]*?)\s*\}\}/g;

/** Parses a template; throws TemplateSyntaxError (with the line) on unbalanced or unknown tags. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[]; line: number }[] = [];
  let children = root;
  let last = 0;
  const lineAt = (i: number) => source.slice(0, i).split("\n").length;
  for (const m of source.matchAll(TAG)) {
    const [whole, sigil = "", rawName = ""] = m;
    const at = m.index;
    if (at > last) children.push({ type: "text", text: source.slice(last, at) });
    last = at + whole.length;
    if (sigil === "!") continue;
    const name = rawName.trim();
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name))
      throw new TemplateSyntaxError(`line ${lineAt(at)}: "${whole}" is not a variable name`);
    if (!isVariable(name))
      throw new TemplateSyntaxError(
        `line ${lineAt(at)}: unknown variable {{${name}}} (known: ${Object.keys(VARIABLES).join(", ")})`,
      );
    if (sigil === "#" || sigil === "^") {
      const section: Node = { type: "section", name, inverted: sigil === "^", children: [] };
      children.push(section);
      stack.push({ name, children, line: lineAt(at) });
      children = section.children;
    } else if (sigil === "/") {
      const open = stack.pop();
      if (!open || open.name !== name)
        throw new TemplateSyntaxError(
          `line ${lineAt(at)}: {{/${name}}} closes ${open ? `{{#${open.name}}} (line ${open.line})` : "nothing"}`,
        );
      children = open.children;
    } else {
      children.push({ type: "var", name });
    }
  }
  const open = stack.pop();
  if (open) throw new TemplateSyntaxError(`line ${open.line}: {{#${open.name}}} is never closed`);
  if (last < source.length) children.push({ type: "text", text: source.slice(last) });
  // A stray "{{" or "}}" left in the text would reach the reply unfilled: refuse it here.
  for (const [i, line] of source.split("\n").entries()) {
    const rest = line.replace(TAG, "");
    if (/\{\{|\}\}/.test(rest))
      throw new TemplateSyntaxError(`line ${i + 1}: an unclosed "{{" or stray "}}"`);
  }
  return root;
}

function renderNodes(nodes: Node[], vars: Variables): string {
  let out = "";
  for (const n of nodes) {
    if (n.type === "text") out += n.text;
    else if (n.type === "var") out += isVariable(n.name) ? (vars.get(n.name) ?? "") : "";
    else {
      const value = isVariable(n.name) ? (vars.get(n.name) ?? "") : "";
      if ((value.trim() !== "") !== n.inverted) out += renderNodes(n.children, vars);
    }
  }
  return out;
}

/** Renders a template, then tidies what empty variables leave behind (double spaces, " ,"). */
export function renderTemplate(source: string | Node[], vars: Variables): string {
  const nodes = typeof source === "string" ? parseTemplate(source) : source;
  return tidy(renderNodes(nodes, vars));
}

export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) =>
      l
        .replace(/[ \t]{2,}/g, " ")
        .replace(/ ([,.!?;:])/g, "$1")
        .trimEnd(),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
