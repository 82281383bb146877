/**
 * Streams a file as physical lines, decoding each line as strict UTF-8 so that invalid bytes
 * are reported with their line number instead of being silently replaced. Memory is bounded by
 * the read chunk plus the longest line, never by the file size.
 */
import { createReadStream } from 'node:fs';
import { wardenError } from '../errors.js';

export interface PhysicalLine {
  /** The decoded line without its terminator (`\n` or `\r\n`); a leading BOM on line 1 is removed. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** True when the bytes were not valid UTF-8; `text` then holds a lossy (U+FFFD) decoding. */
  invalidUtf8: boolean;
}

export interface LineReaderOptions {
  /** A line longer than this many bytes is a BAD_DATA error (it protects memory). Default 64 MiB. */
  maxLineBytes?: number;
  /** Read chunk size in bytes. Default 64 KiB. */
  chunkBytes?: number;
}

const NEWLINE = 10; // '\n'
const CARRIAGE_RETURN = 13; // '\r'

/**
 * Yields batches of lines (one batch per read chunk, to keep async overhead per line low).
 *
 * @example
 * for await (const batch of readLineBatches('data.tsv')) for (const l of batch) console.log(l.line, l.text);
 */
export async function* readLineBatches(path: string, opts: LineReaderOptions = {}): AsyncGenerator<PhysicalLine[]> {
  const maxLineBytes = opts.maxLineBytes ?? 64 * 1024 * 1024;
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;

  const decode = (bytes: Uint8Array): PhysicalLine => {
    lineNo++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end--;
    const body = bytes.subarray(0, end);
    let text: string;
    let invalidUtf8 = false;
    try {
      text = strict.decode(body);
    } catch {
      invalidUtf8 = true;
      text = lossy.decode(body);
    }
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, line: lineNo, invalidUtf8 };
  };

  /** Lines of `bytes` (no terminator at its end) decoded one by one, so each invalid line is flagged on its own. */
  const decodeEach = (bytes: Buffer, batch: PhysicalLine[]): void => {
    let start = 0;
    let nl = bytes.indexOf(NEWLINE, start);
    while (nl !== -1) {
      batch.push(decode(bytes.subarray(start, nl)));
      start = nl + 1;
      nl = bytes.indexOf(NEWLINE, start);
    }
    batch.push(decode(bytes.subarray(start)));
  };

  /**
   * Lines of `bytes` (no terminator at its end), decoded in one call: one strict decode of a
   * whole chunk costs far less than one per line. A multi-byte sequence never contains the
   * byte 0x0A, so the chunk is valid UTF-8 exactly when each of its lines is, and splitting the
   * decoded text gives the lines `decode` would. Otherwise it falls back to line by line.
   */
  const decodeAll = (bytes: Buffer, batch: PhysicalLine[]): void => {
    let text: string;
    try {
      text = strict.decode(bytes);
    } catch {
      decodeEach(bytes, batch);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const stop = nl === -1 ? text.length : nl;
      let line = text.slice(start, stop > start && text.charCodeAt(stop - 1) === CARRIAGE_RETURN ? stop - 1 : stop);
      lineNo++;
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      batch.push({ text: line, line: lineNo, invalidUtf8: false });
      if (nl === -1) return;
      start = nl + 1;
    }
  };

  const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const batch: PhysicalLine[] = [];
      const first = chunk.indexOf(NEWLINE);
      const last = first === -1 ? -1 : chunk.lastIndexOf(NEWLINE);
      let rest = 0;
      if (first !== -1) {
        // The line that began in an earlier chunk, then every whole line of this one.
        if (pending.length > 0) {
          const piece = chunk.subarray(0, first);
          pending.push(piece);
          batch.push(decode(Buffer.concat(pending, pendingBytes + piece.length)));
          pending = [];
          pendingBytes = 0;
          if (last > first) decodeAll(chunk.subarray(first + 1, last), batch);
        } else {
          decodeAll(chunk.subarray(0, last), batch);
        }
        rest = last + 1;
      }
      if (rest < chunk.length) {
        pending.push(chunk.subarray(rest));
        pendingBytes += chunk.length - rest;
        if (pendingBytes > maxLineBytes) {
          throw wardenError('BAD_DATA', `${path}:${lineNo + 1}: line is longer than ${maxLineBytes} bytes`);
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      throw wardenError('BAD_DATA', `${path}: cannot read file: ${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    stream.destroy();
  }
  if (pending.length > 0) yield [decode(Buffer.concat(pending, pendingBytes))];
}
