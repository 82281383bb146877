/**
 * Which of the supported layouts a data file uses, by explicit choice, extension, or a look at
 * its first line.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { wardenError } from '../errors.js';
import { mapLabel } from './label.js';

/** uci: `label<TAB>text`, no header. csv/tsv: a header line names the columns. jsonl: one JSON object a line. */
export type DataFormat = 'uci' | 'csv' | 'tsv' | 'jsonl';

const FORMATS: readonly string[] = ['uci', 'csv', 'tsv', 'jsonl'];

/** Reads the first line of a file leniently (at most 64 KiB), without BOM or line terminator. */
export async function peekFirstLine(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw wardenError('BAD_DATA', `${path}: cannot read file: ${(err as Error).message}`, { cause: err });
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let text = new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead));
    const nl = text.indexOf('\n');
    if (nl !== -1) text = text.slice(0, nl);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  } finally {
    await handle.close();
  }
}

/** True when a line looks like a UCI row: a known label, a tab, then text. */
export function looksLikeUciLine(line: string): boolean {
  const tab = line.indexOf('\t');
  return tab > 0 && mapLabel(line.slice(0, tab)) !== null;
}

/**
 * Guesses the format from a first line alone (content sniffing), or null when it cannot tell.
 *
 * @example
 * sniffFormat('{"text":"hi","label":"ham"}') // 'jsonl'
 * sniffFormat('ham\tsee you')                 // 'uci'
 */
export function sniffFormat(firstLine: string): DataFormat | null {
  const trimmed = firstLine.trimStart();
  if (trimmed.startsWith('{')) return 'jsonl';
  if (looksLikeUciLine(firstLine)) return 'uci';
  if (firstLine.includes('\t')) return 'tsv';
  if (firstLine.includes(',')) return 'csv';
  return null;
}

/**
 * Resolves the format of `path`: the explicit `format` if given (not 'auto'), else by extension
 * (.jsonl/.ndjson, .csv; .tsv/.txt look at the first line to tell UCI from a headed TSV), else by
 * content. Throws UNSUPPORTED_FORMAT, naming the file, when none fits.
 */
export async function detectFormat(path: string, format: DataFormat | 'auto' = 'auto'): Promise<DataFormat> {
  if (format !== 'auto') {
    if (!FORMATS.includes(format)) {
      throw wardenError('UNSUPPORTED_FORMAT', `${path}: unknown data format '${String(format)}' (use one of ${FORMATS.join(', ')}, or auto)`);
    }
    return format;
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  const first = await peekFirstLine(path);
  if (ext === '.tsv' || ext === '.txt') return looksLikeUciLine(first) ? 'uci' : 'tsv';
  const sniffed = sniffFormat(first);
  if (sniffed) return sniffed;
  throw wardenError(
    'UNSUPPORTED_FORMAT',
    `${path}:1: cannot tell the data format (expected CSV or TSV with a header, label<TAB>text lines, or JSONL); pass the format explicitly`,
  );
}
