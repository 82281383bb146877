/**
 * Turns a data file of any supported format into a stream of uniform records: column names,
 * string values, the line the record starts on, and whatever went wrong reading it. The readers
 * above decide what is an error and what may be skipped.
 */
import { wardenError } from '../errors.js';
import { DelimitedParser } from './delimited-parser.js';
import type { DataFormat } from './format.js';
import { readLineBatches, type PhysicalLine } from './line-reader.js';
import type { SkipReason } from './skip-report.js';

export interface SourceRecord {
  /** 1-based line the record starts on. */
  line: number;
  /** Column names: the header, `label,text` for UCI, or the object's keys for JSONL. */
  columns: readonly string[];
  /** Values aligned with `columns` (absent trailing CSV fields are ''). */
  values: readonly string[];
  /** First line of the record that was not valid UTF-8, or 0. */
  invalidUtf8Line: number;
  /** Set when the record could not be parsed; `values` is then empty. */
  problem?: { reason: SkipReason; message: string };
}

export const UCI_COLUMNS: readonly string[] = Object.freeze(['label', 'text']);

/** A quoted field longer than this (in characters) is treated as an unterminated quote. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Streams the records of `path` in batches. The header of a CSV/TSV file is not a record. */
export async function* readRecords(path: string, format: DataFormat): AsyncGenerator<SourceRecord[]> {
  if (format === 'jsonl') yield* jsonlRecords(path);
  else if (format === 'uci') yield* uciRecords(path);
  else yield* headedRecords(path, format === 'csv' ? ',' : '\t', format === 'csv');
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** The record of a non-blank UCI line (label<TAB>text). */
export function uciRecord(l: PhysicalLine): SourceRecord {
  const invalidUtf8Line = l.invalidUtf8 ? l.line : 0;
  const tab = l.text.indexOf('\t');
  if (tab === -1) {
    return { line: l.line, columns: UCI_COLUMNS, values: [], invalidUtf8Line, problem: { reason: 'bad-row', message: 'expected label<TAB>text but the line has no tab' } };
  }
  return { line: l.line, columns: UCI_COLUMNS, values: [l.text.slice(0, tab), l.text.slice(tab + 1)], invalidUtf8Line };
}

async function* uciRecords(path: string): AsyncGenerator<SourceRecord[]> {
  for await (const batch of readLineBatches(path)) {
    const out: SourceRecord[] = [];
    for (const l of batch) if (!isBlank(l.text)) out.push(uciRecord(l));
    if (out.length > 0) yield out;
  }
}

function jsonValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

async function* jsonlRecords(path: string): AsyncGenerator<SourceRecord[]> {
  for await (const batch of readLineBatches(path)) {
    const out: SourceRecord[] = [];
    for (const l of batch) {
      if (isBlank(l.text)) continue;
      const invalidUtf8Line = l.invalidUtf8 ? l.line : 0;
      let parsed: unknown;
      try {
        parsed = JSON.parse(l.text);
      } catch (err) {
        out.push({ line: l.line, columns: [], values: [], invalidUtf8Line, problem: { reason: 'bad-json', message: `malformed JSON: ${(err as Error).message}` } });
        continue;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        out.push({ line: l.line, columns: [], values: [], invalidUtf8Line, problem: { reason: 'bad-row', message: 'expected a JSON object on the line' } });
        continue;
      }
      const obj = parsed as Record<string, unknown>;
      const columns = Object.keys(obj);
      out.push({ line: l.line, columns, values: columns.map((k) => jsonValue(obj[k])), invalidUtf8Line });
    }
    if (out.length > 0) yield out;
  }
}

async function* headedRecords(path: string, delimiter: string, quoting: boolean): AsyncGenerator<SourceRecord[]> {
  const parser = new DelimitedParser(delimiter, quoting);
  let header: string[] | null = null;
  let start = 0;
  let invalidUtf8Line = 0;
  for await (const batch of readLineBatches(path)) {
    const out: SourceRecord[] = [];
    for (const l of batch) {
      if (!parser.inQuotes) {
        if (isBlank(l.text)) continue;
        start = l.line;
        invalidUtf8Line = 0;
      }
      if (l.invalidUtf8 && invalidUtf8Line === 0) invalidUtf8Line = l.line;
      const fields = parser.pushLine(l.text);
      if (fields === null) {
        if (parser.bufferedChars > MAX_RECORD_CHARS) {
          throw wardenError('BAD_DATA', `${path}:${start}: quoted field is longer than ${MAX_RECORD_CHARS} characters (unterminated quote?)`);
        }
        continue;
      }
      if (header === null) {
        if (invalidUtf8Line !== 0) throw wardenError('INVALID_UTF8', `${path}:${invalidUtf8Line}: the header line is not valid UTF-8`);
        header = fields.map((f) => f.trim());
        continue;
      }
      out.push(toRecord(header, fields, start, invalidUtf8Line));
    }
    if (out.length > 0) yield out;
  }
  const rest = parser.flush();
  if (rest !== null) {
    if (header === null) throw wardenError('BAD_DATA', `${path}:${start}: unterminated quoted field in the header line`);
    yield [{ line: start, columns: header, values: [], invalidUtf8Line, problem: { reason: 'bad-row', message: `unterminated quoted field (the quote opened on line ${start} never closes)` } }];
    return;
  }
  if (header === null) throw wardenError('BAD_DATA', `${path}:1: the file is empty (a ${quoting ? 'CSV' : 'TSV'} file needs a header line)`);
}

function toRecord(header: readonly string[], fields: string[], line: number, invalidUtf8Line: number): SourceRecord {
  if (fields.length > header.length) {
    return {
      line,
      columns: header,
      values: [],
      invalidUtf8Line,
      problem: { reason: 'bad-row', message: `the row has ${fields.length} fields but the header has ${header.length} (an unquoted delimiter inside a field?)` },
    };
  }
  while (fields.length < header.length) fields.push('');
  return { line, columns: header, values: fields, invalidUtf8Line };
}
