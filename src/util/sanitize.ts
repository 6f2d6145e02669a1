// Untrusted text (every review field) is made inert here, at the output edge.
// See robustness.md: strip escape sequences, then every remaining C0/C1 control and bidi override.
import stripAnsi from "strip-ansi";

// C0 except \t \n, DEL and C1. \r is replaced too: it could rewrite the line on a terminal.
const CONTROLS = /[\x00-\x08\x0B-\x1F\x7F-\x9F]/g;
// Bidi embeddings/overrides/isolates: they can make text read backwards (Trojan Source).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
// An escape introducer left behind (unterminated OSC/CSI that strip-ansi did not match).
const LEFTOVER_ESC = /\x1B[\s\S]?/g;

/** Text for a terminal or plain-text output, newlines and tabs kept. */
export function cleanText(value: string | null | undefined): string {
  if (value == null) return "";
  return stripAnsi(value)
    .replace(LEFTOVER_ESC, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "\uFFFD")
    .replace(BIDI, "");
}

/** Text for one table cell or one line (a TSV field, a header): newlines and tabs become spaces. */
export function cleanLine(value: string | null | undefined): string {
  return cleanText(value).replace(/[\n\t]+/g, " ");
}

/** Only http(s) URLs are shown or linked; anything else (javascript:, data:, file:) is dropped. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return cleanLine(u.toString());
  } catch {
    return null;
  }
}

/** Cut to at most `max` characters (by code point), marking the cut. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return chars.slice(0, Math.max(0, max - 1)).join("") + "…";
}
