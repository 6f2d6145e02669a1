// CSV for spreadsheets: RFC 4180 quoting, formula injection neutralised (robustness.md), optional BOM.
import { stringify, type Stringifier } from "csv-stringify";

/** Cells a spreadsheet would run as formulas, csv-stringify's escape_formulas aside: leading LF/NUL. */
const EXTRA_TRIGGERS = /^[\n\0]/;

export function csvStringifier(columns: string[], bom: boolean): Stringifier {
  return stringify({
    header: true,
    columns,
    quoted: true,
    bom,
    // = + - @ TAB CR (and their full-width forms) get a leading "'"
    escape_formulas: true,
    cast: {
      string: (value) => (EXTRA_TRIGGERS.test(value) ? `'${value}` : value),
      boolean: (value) => (value ? "true" : "false"),
      number: (value) => String(value),
    },
  });
}

const PREFIXED = /^'(?=[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The inverse for importing our own exports: drop the "'" we added before a trigger character. */
export function unescapeCell(value: string): string {
  return value.replace(PREFIXED, "");
}
