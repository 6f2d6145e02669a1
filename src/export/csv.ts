// CSV for spreadsheets: RFC 4180 quoting, formula injection neutralised (robustness.md), optional BOM.
import { stringify, type Options, type Stringifier } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

/** Cells a spreadsheet would run as formulas, csv-stringify's escape_formulas aside: leading LF/NUL. */
const EXTRA_TRIGGERS = /^[\n\0]/;

/** The one set of options every CSV we write uses (the stream and the batches alike). */
function csvOptions(columns: string[], bom: boolean, header: boolean): Options {
  return {
    header,
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
  };
}

export function csvStringifier(columns: string[], bom: boolean): Stringifier {
  return stringify(csvOptions(columns, bom, true));
}

/**
 * A batch of records as CSV text, byte for byte what `csvStringifier` writes for them: the first
 * batch (`first`) starts with the BOM (if asked) and the header line, and is those alone when it
 * holds no record. Records are objects keyed by column or arrays in column order. csv-stringify's
 * sync API on a batch costs a fraction of its Transform stream fed one record at a time.
 */
export function csvBatch(
  columns: string[],
  records: readonly (Record<string, unknown> | unknown[])[],
  first: boolean,
  bom: boolean,
): string {
  return stringifySync(records as unknown[], csvOptions(columns, first && bom, first));
}

const PREFIXED = /^'(?=[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The inverse for importing our own exports: drop the "'" we added before a trigger character. */
export function unescapeCell(value: string): string {
  return value.replace(PREFIXED, "");
}
