/**
 * An incremental, linear-time parser for delimited records (CSV per RFC 4180, or TSV), fed one
 * physical line at a time so a quoted field may span lines. Quoting rules, when enabled:
 * a field that starts with `"` is quoted; inside it `""` is one quote and the delimiter and line
 * breaks are literal. Like Python's csv module, it is lenient about a stray quote in the middle of
 * an unquoted field and about text after a closing quote: both are kept literally.
 */

const QUOTE = 34; // '"'

export class DelimitedParser {
  private readonly delimiter: number;
  private readonly quoting: boolean;
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private open = false;
  private chars = 0;

  /**
   * @param delimiter the separator character, e.g. ',' or '\t'
   * @param quoting whether `"` quotes fields (true for CSV; TSV per IANA has no quoting)
   */
  constructor(delimiter: string, quoting: boolean) {
    this.delimiter = delimiter.charCodeAt(0);
    this.quoting = quoting;
  }

  /** True while a quoted field is open, i.e. the current record continues on the next line. */
  get inQuotes(): boolean {
    return this.open;
  }

  /** Characters buffered in the unfinished record (to bound memory on an unterminated quote). */
  get bufferedChars(): number {
    return this.chars;
  }

  /**
   * Feeds one physical line without its terminator. Returns the fields of the record it
   * completes, or null when a quoted field is still open (the line break becomes `\n` in it).
   */
  pushLine(line: string): string[] | null {
    const delim = this.delimiter;
    const n = line.length;
    let i = 0;
    let segStart = 0;
    if (this.open) {
      // continuing a quoted field from the previous line
      i = this.scanQuoted(line, 0);
      if (this.open) return null;
      segStart = i;
    } else {
      this.fields = [];
      this.field = '';
      this.quoted = false;
    }
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === delim) {
        this.fields.push(this.field + line.slice(segStart, i));
        this.field = '';
        this.quoted = false;
        i++;
        segStart = i;
      } else if (c === QUOTE && this.quoting && i === segStart && this.field === '' && !this.quoted) {
        this.quoted = true;
        this.open = true;
        i = this.scanQuoted(line, i + 1);
        if (this.open) return null;
        segStart = i;
      } else {
        i++;
      }
    }
    this.fields.push(this.field + line.slice(segStart, n));
    this.field = '';
    this.chars = 0;
    return this.fields;
  }

  /**
   * Ends an unfinished record at end of input (an unterminated quote): returns its fields, with
   * the quoted field running to the end, or null when no record is open.
   */
  flush(): string[] | null {
    if (!this.open) return null;
    this.open = false;
    this.fields.push(this.field.endsWith('\n') ? this.field.slice(0, -1) : this.field);
    this.field = '';
    this.chars = 0;
    return this.fields;
  }

  /**
   * Scans inside a quoted field from `from`; appends its content to `this.field`.
   * Returns the index just after the closing quote, or leaves `open` set at end of line.
   */
  private scanQuoted(line: string, from: number): number {
    const n = line.length;
    let segStart = from;
    let i = from;
    while (i < n) {
      if (line.charCodeAt(i) === QUOTE) {
        if (i + 1 < n && line.charCodeAt(i + 1) === QUOTE) {
          this.field += line.slice(segStart, i + 1);
          i += 2;
          segStart = i;
          continue;
        }
        this.field += line.slice(segStart, i);
        this.open = false;
        return i + 1;
      }
      i++;
    }
    this.field += line.slice(segStart, n) + '\n';
    this.chars += n - from + 1;
    return n;
  }
}

/**
 * Parses a whole delimited string (for small inputs such as an uploaded body); lines may end
 * in `\n` or `\r\n`. A final line break does not produce an empty record; other empty lines do
 * produce a record with one empty field. Throws nothing: an unterminated quote ends at the end.
 *
 * @example
 * parseDelimited('a,b\n"x, y",2\n', ',') // [['a','b'],['x, y','2']]
 */
export function parseDelimited(text: string, delimiter = ',', quoting = true): string[][] {
  const parser = new DelimitedParser(delimiter, quoting);
  const records: string[][] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  const end = src.endsWith('\n') ? src.length - 1 : src.length;
  if (end <= 0 && src.length <= 1) return records;
  while (start <= end) {
    let nl = src.indexOf('\n', start);
    if (nl === -1 || nl > end) nl = end;
    let lineEnd = nl;
    if (lineEnd > start && src.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const rec = parser.pushLine(src.slice(start, lineEnd));
    if (rec) records.push(rec);
    start = nl + 1;
  }
  const rest = parser.flush();
  if (rest) records.push(rest);
  return records;
}
