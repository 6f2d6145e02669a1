// Cheap DOM questions for the page parsers (Yelp, Tripadvisor): they ask the same few
// of every review card. A cheerio query compiles its selector and walks the whole tree (and `closest`
// compiles once per ancestor), so a query per card, or per candidate, cost many times the parse of
// the page itself. Here the page is walked once, and each selector is a plain test of one element.
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";

/** An element in cheerio's sense (`isTag`): scripts and styles included. */
export function isElement(node: AnyNode | null): node is Element {
  return !!node && (node.type === "tag" || node.type === "script" || node.type === "style");
}

/**
 * A selector as a test of one element. The parsers write theirs by hand, matching exactly as
 * css-select does in an HTML document (no quirks mode): a tag name as parsed (`el.name === "a"`), an
 * attribute value as stored (`[href*="x"]` is `el.attribs["href"]?.includes("x")`), case-sensitive
 * except for the attributes HTML lists as case-insensitive (of those read here, `type`). The helpers
 * below cover the other forms.
 */
export type Test = (el: Element) => boolean;

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** `[name]` */
export function hasAttr(el: Element, name: string): boolean {
  return el.attribs[name] != null && hasOwn(el.attribs, name);
}

/** `[name="value"]` for an attribute HTML compares case-insensitively (`value` in lower case). */
export function equalsIgnoringCase(attrValue: string | undefined, value: string): boolean {
  return attrValue != null && attrValue.length === value.length && attrValue.toLowerCase() === value;
}

/** `.word`: the class attribute has the word, delimited by JavaScript's `\s` as css-select does. */
export function classWord(word: string): Test {
  const re = new RegExp(`(?:^|\\s)${word.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&")}(?:$|\\s)`);
  return (el) => {
    const v = el.attribs["class"];
    return v != null && v.includes(word) && re.test(v); // includes: a quick no for most elements
  };
}

/**
 * `$(el).attr(name)` without wrapping `el` in a Cheerio object: the attribute if the element has it.
 * (cheerio's special cases are boolean attributes such as `checked`, and `value`: never read here.)
 */
export function attr(el: Element | undefined, name: string): string | undefined {
  return el && hasOwn(el.attribs, name) ? el.attribs[name] : undefined;
}

/**
 * The element's own text: its text children without its child elements' text. The same string as
 * `$(el).clone().children().remove().end().text()`, without cloning the subtree.
 */
export function ownText($: CheerioAPI, el: Element): string {
  let text = "";
  for (const child of el.children) {
    if (child.type === "text") text += child.data;
    else if (!isElement(child)) text += $.text([child]); // a comment gives "", template content its text
  }
  return text;
}

/**
 * For a combinator inside `find`, as in `$(scope).find("p span")`: is there an element named `name`
 * among `el`'s ancestors up to and including `scope`? (cheerio bounds the `p` by the scope.)
 */
export function hasAncestorWithin(el: Element, scope: Element, name: string): boolean {
  for (let p = el.parent; isElement(p); p = p.parent) {
    if (p.name === name) return true;
    if (p === scope) break;
  }
  return false;
}

/**
 * Every element of a page in document order, as css-select walks it (template content included),
 * with each element's position and its last descendant's: the elements inside one are a slice.
 * Answers `$(selector)` and `$(el).find(selector)` for any number of elements in one walk of the page.
 */
export class PageIndex {
  private readonly order: Element[] = [];
  private readonly pos = new Map<Element, number>();
  /** Position of each element's last descendant (its own position when it has none). */
  private readonly last: number[] = [];
  /** Is there template content (a document fragment under an element) on the page? */
  private readonly fragments: boolean = false;

  constructor($: CheerioAPI) {
    // Iterative, as pages can nest deeply. A number on the stack closes that element's subtree.
    const stack: (AnyNode | number)[] = [...$.root()[0]!.children].reverse();
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      if (typeof top === "number") {
        this.last[top] = this.order.length - 1;
        continue;
      }
      if (isElement(top)) {
        stack.push(this.order.length);
        this.pos.set(top, this.order.length);
        this.order.push(top);
      }
      if (!("children" in top)) continue;
      if (!isElement(top) && top.children.length) this.fragments = true;
      for (let i = top.children.length - 1; i >= 0; i--) stack.push(top.children[i]!);
    }
  }

  /** `$(selector).toArray()`. */
  all(test: Test): Element[] {
    return this.order.filter(test);
  }

  /** `$(el).find(selector).toArray()`, for a selector without combinators. */
  find(el: Element, test: Test): Element[] {
    const start = this.at(el);
    const out: Element[] = [];
    for (let i = start + 1; i <= this.last[start]!; i++) {
      const e = this.order[i]!;
      if (test(e) && (!this.fragments || this.reached(e, [el]))) out.push(e);
    }
    return out;
  }

  /** `$(el).find("*").toArray()`. */
  descendants(el: Element): Element[] {
    return this.find(el, () => true);
  }

  /** `$(els).find(selector).toArray()`, for a selector without combinators: in document order, once each. */
  findIn(els: readonly Element[], test: Test): Element[] {
    const starts = els.map((el) => this.at(el)).sort((a, b) => a - b);
    const out: Element[] = [];
    let done = -1; // ranges of nested elements overlap: visit each position once
    for (const start of starts) {
      for (let i = Math.max(start + 1, done + 1); i <= this.last[start]!; i++) {
        const e = this.order[i]!;
        if (test(e) && (!this.fragments || this.reached(e, els))) out.push(e);
      }
      done = Math.max(done, this.last[start]!);
    }
    return out;
  }

  /**
   * With template content on the page, is `e` one that `$(els).find(...)` returns? css-select walks
   * down from the elements' element children (through template content), and, when every context
   * element has an element parent, keeps only matches whose chain of element parents reaches one.
   */
  private reached(e: Element, els: readonly Element[]): boolean {
    const walked = els.some((el) => {
      let child: AnyNode = e;
      while (child.parent && child.parent !== el) child = child.parent;
      return child.parent === el && isElement(child);
    });
    if (!walked) return false;
    if (!els.every((el) => isElement(el.parent))) return true;
    for (let p: AnyNode | null = e; isElement(p); p = p.parent) if (els.includes(p)) return true;
    return false;
  }

  private at(el: Element): number {
    const i = this.pos.get(el);
    if (i === undefined) throw new Error("PageIndex: the element is not on this page");
    return i;
  }
}
