/**
 * CSV output that is safe to open in a spreadsheet: RFC 4180 quoting, plus the OWASP
 * formula-injection guard (a text cell that a spreadsheet would evaluate is prefixed with ').
 */

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. Strings starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`; cells
 * containing `"`, `,`, CR or LF are quoted with `"` doubled. Numbers and booleans are written
 * plainly (a negative number is not escaped); null and undefined are empty.
 *
 * @example
 * csvCell('=1+2')     // "'=1+2"
 * csvCell('a, "b"')   // '"a, ""b"""'
 * csvCell(-0.5)       // '-0.5'
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let cell = value;
  const first = cell.charCodeAt(0);
  // = + - @ TAB CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) cell = "'" + cell;
  return NEEDS_QUOTES.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
}

/** One CSV line of cells, ending with `\n`. */
export function csvLine(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvCell(values[i]);
  return line + '\n';
}
