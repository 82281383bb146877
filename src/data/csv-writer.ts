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

/**
 * CSV lines encoded straight into a Buffer, with the same bytes as `csvLine`. Output of many
 * rows is then one large write instead of a string per row: concatenating the row strings and
 * encoding the result (`Buffer.from(rope)`) costs several times more CPU than encoding each
 * line into a preallocated buffer.
 *
 * @example
 * const csv = new CsvBuffer();
 * csv.line(['text', 0.5]);
 * out.write(csv.take()); // 'text,0.5\n'
 */
export class CsvBuffer {
  readonly #capacity: number;
  #buf: Buffer;
  #len = 0;

  /** @param capacity initial size in bytes; the buffer grows when a line needs more */
  constructor(capacity = 1 << 20) {
    this.#capacity = capacity;
    this.#buf = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written since the last `take`. */
  get byteLength(): number {
    return this.#len;
  }

  /** Appends `csvLine(values)`. */
  line(values: readonly CsvValue[]): void {
    const text = csvLine(values);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2 units).
    const need = text.length * 3;
    if (this.#len + need > this.#buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + need));
      this.#buf.copy(next, 0, 0, this.#len);
      this.#buf = next;
    }
    this.#len += this.#buf.write(text, this.#len);
  }

  /** Hands over the bytes written so far (the caller owns them) and starts a fresh buffer. */
  take(): Buffer {
    const out = this.#buf.subarray(0, this.#len);
    this.#buf = Buffer.allocUnsafe(this.#capacity);
    this.#len = 0;
    return out;
  }
}
