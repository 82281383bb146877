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
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let cell = value;
  const first = cell.charCodeAt(0);
  // = + - @ TAB CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) cell = "'" + cell;
  return NEEDS_QUOTES.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
}

/**
 * `String(x)`, faster for the numbers CSV output is mostly made of: scores rounded to six
 * decimals. When x is exactly k/10⁶ (0 < k < 10⁶), the shortest digits that round-trip are
 * those of k itself, so the text is "0." and k's six digits without trailing zeros; that
 * takes a fifth of the time of the general double-to-string conversion. The test checks every
 * k against `String`.
 */
export function numberText(x: number): string {
  if (x > 0 && x < 1) {
    const k = Math.round(x * 1e6);
    if (k / 1e6 === x) {
      const digits = String(k);
      let end = digits.length;
      while (digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
      return '0.' + '000000'.slice(digits.length) + digits.slice(0, end);
    }
  }
  return String(x);
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
const COMMA = 44;
/** Cells up to this many UTF-16 units are copied unit by unit while they are ASCII. */
const SHORT_CELL = 24;
const NEWLINE = 10;

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

  /**
   * Appends `csvLine(values)`, cell by cell: no line string is built (and flattened) on the way,
   * and the cells most rows are made of (short ASCII strings that need no quoting, scores,
   * booleans) are written without building their cell text either.
   */
  line(values: readonly CsvValue[]): void {
    for (let i = 0; i < values.length; i++) {
      if (i > 0) {
        this.#reserve(1);
        this.#buf[this.#len++] = COMMA;
      }
      const v = values[i];
      if (typeof v === 'string') {
        if (v.length > SHORT_CELL || !this.#plainShort(v)) this.#cell(csvCell(v));
      } else if (typeof v === 'number') {
        if (!this.#score(v)) this.#cell(numberText(v));
      } else if (typeof v === 'boolean') {
        this.#cell(v ? 'true' : 'false');
      }
      // null and undefined are empty cells
    }
    this.#reserve(1);
    this.#buf[this.#len++] = NEWLINE;
  }

  /** Writes a cell's text (already escaped). */
  #cell(cell: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2 units).
    this.#reserve(cell.length * 3);
    const buf = this.#buf;
    if (cell.length > SHORT_CELL) {
      this.#len += buf.write(cell, this.#len);
      return;
    }
    // Short cells (scores, labels, versions, ids) are mostly ASCII: copying their units
    // costs less than a call into the UTF-8 encoder per cell.
    let len = this.#len;
    let k = 0;
    for (; k < cell.length; k++) {
      const c = cell.charCodeAt(k);
      if (c >= 0x80) break;
      buf[len++] = c;
    }
    this.#len = k === cell.length ? len : len + buf.write(cell.slice(k), len);
  }

  /**
   * Copies a short string that is its own cell (ASCII, no formula lead, nothing to quote) unit
   * by unit; false, having written nothing, for any other string.
   */
  #plainShort(s: string): boolean {
    const first = s.charCodeAt(0);
    // = + - @ TAB CR
    if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) return false;
    this.#reserve(s.length);
    const buf = this.#buf;
    let len = this.#len;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      // non-ASCII, " , LF CR
      if (c >= 0x80 || c === 34 || c === 44 || c === 10 || c === 13) return false;
      buf[len++] = c;
    }
    this.#len = len;
    return true;
  }

  /**
   * Writes a score, x = k/10⁶ with 0 < k < 10⁶, as `numberText` does ("0." and k's six digits
   * without trailing zeros) straight from k's digits; false, having written nothing, for any
   * other number.
   */
  #score(x: number): boolean {
    if (!(x > 0 && x < 1)) return false;
    const k = Math.round(x * 1e6);
    if (k / 1e6 !== x) return false;
    this.#reserve(8);
    const buf = this.#buf;
    const at = this.#len;
    buf[at] = 48; // '0'
    buf[at + 1] = 46; // '.'
    let end = 0;
    for (let d = 5, rest = k; d >= 0; d--, rest = (rest / 10) | 0) {
      const digit = rest % 10;
      buf[at + 2 + d] = 48 + digit;
      if (end === 0 && digit !== 0) end = d + 1;
    }
    this.#len = at + 2 + end;
    return true;
  }

  #reserve(bytes: number): void {
    if (this.#len + bytes <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + bytes));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  /** Hands over the bytes written so far (the caller owns them) and starts a fresh buffer. */
  take(): Buffer {
    const out = this.#buf.subarray(0, this.#len);
    this.#buf = Buffer.allocUnsafe(this.#capacity);
    this.#len = 0;
    return out;
  }
}
