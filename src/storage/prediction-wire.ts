import type { NewPrediction } from './prediction-record.js';
import { isTimeOrderedId, timeOfId } from './time-ordered-id.js';

/**
 * Predictions on their way to the database: one written batch becomes one row of
 * `prediction_segments` (migration 0007), its predictions a JSON array of positional rows in
 * one text column, so the database stores a batch as one value instead of one indexed tuple
 * per prediction. The rows are encoded where they are produced (a cluster worker), so the
 * process owning the database does no per-prediction work in JavaScript, and batches from
 * several producers are written with one statement (one segment each).
 *
 * Rows are positional (no repeated keys) to keep the bytes low: on PGlite every byte of a
 * statement costs (~15–25 ns each, measured), more than storing what it carries.
 *
 * The database cannot check a payload's rows, so {@link encodePredictions} does: a row that the
 * old one-tuple-per-prediction table would have refused (a missing or non-finite number, a
 * string that is not well-formed Unicode or holds NUL) throws a data error (SQLSTATE class
 * 22/23, as the database would), so a writer isolates and rejects that row alone.
 */
export interface EncodedPredictions {
  /** The rows as one JSON document, in UTF-8: an array of positional rows (see PREDICTION_COLUMNS_OF_R). */
  json: Uint8Array;
  count: number;
  /** The first row's id: with the count, the segment's key, so a batch retried after a lost answer is stored once. */
  firstId: string;
  /** Earliest and latest instant of the rows (their created_at and the time in their ids), epoch ms. */
  fromMs: number;
  toMs: number;
}

/** Most predictions in one segment. */
export const SEGMENT_MAX_ROWS = 1000;
/**
 * Most text (UTF-16 units) in one segment: its JSON stays far below what one jsonb value may
 * hold (256 MB; even at 6 bytes a unit, 24 MB), so every segment written can be read back.
 */
export const SEGMENT_MAX_TEXT_UNITS = 4_000_000;

/**
 * Encodes rows as segments of at most SEGMENT_MAX_ROWS rows and SEGMENT_MAX_TEXT_UNITS of text
 * (a row longer than that alone is a segment of its own). Every row is checked before anything
 * is returned, so a data error leaves nothing half-written; the same rows always give the same
 * segments, so a retried batch meets its own keys.
 */
export function encodeSegments(rows: readonly NewPrediction[]): EncodedPredictions[] {
  const out: EncodedPredictions[] = [];
  let start = 0;
  let units = 0;
  for (let i = 0; i < rows.length; i++) {
    const text = rows[i].text;
    const len = typeof text === 'string' ? text.length : 0;
    if (i > start && (i - start >= SEGMENT_MAX_ROWS || units + len > SEGMENT_MAX_TEXT_UNITS)) {
      out.push(encodePredictions(rows.slice(start, i)));
      start = i;
      units = 0;
    }
    units += len;
  }
  if (rows.length > start) out.push(encodePredictions(rows.slice(start)));
  return out;
}

/** A row the database would refuse, with the SQLSTATE it would have used. */
export class PredictionDataError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'PredictionDataError';
    this.code = code;
  }
}

/**
 * Encodes a non-empty batch: each row checked, then serialised by JSON.stringify over chunks of
 * rows (building the JSON by string concatenation cost ~5× as much: V8 makes a rope of every
 * piece and flattens it later). Throws a {@link PredictionDataError} for a row the log
 * must refuse.
 */
export function encodePredictions(rows: readonly NewPrediction[]): EncodedPredictions {
  if (rows.length === 0) throw new RangeError('encodePredictions: no rows');
  const out = new Array<unknown[]>(rows.length);
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const at = r.createdAt instanceof Date ? r.createdAt.getTime() : Number.NaN;
    if (!Number.isFinite(at)) throw new PredictionDataError('22007', `prediction ${String(r.id)}: created_at is not a valid date`);
    if (!isTimeOrderedId(r.id)) throw new PredictionDataError('22P02', `prediction ${String(r.id)}: the id is not a time-ordered id`);
    const idAt = timeOfId(r.id);
    if (at < fromMs) fromMs = at;
    if (idAt < fromMs) fromMs = idAt;
    if (at > toMs) toMs = at;
    if (idAt > toMs) toMs = idAt;
    out[i] = rowArray(r, at);
  }
  return { json: jsonBytes(out), count: rows.length, firstId: rows[0].id, fromMs, toMs };
}

/** Rows serialised by one JSON.stringify: few enough that the string stays out of V8's large-object space. */
const CHUNK_ROWS = 64;

/**
 * The rows as one JSON array in UTF-8, serialised a chunk of rows at a time and written into one
 * buffer. One string for a whole batch (500 rows: 140–280 kB) would be a large object, which
 * only a full mark-compact frees; chunks die young. Bytes are what the database and the
 * cluster's IPC take.
 */
function jsonBytes(rows: readonly unknown[][]): Uint8Array {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const part = JSON.stringify(rows.slice(i, i + CHUNK_ROWS));
    parts.push(part);
    size += Buffer.byteLength(part, 'utf8');
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    // Each part is a JSON array "[…]": its brackets become the whole array's, or a comma.
    out[at++] = k === 0 ? 0x5b : 0x2c;
    const part = parts[k];
    at += out.write(part.substring(1, part.length - 1), at, 'utf8');
  }
  out[at++] = 0x5d;
  return out.subarray(0, at);
}

/** One row, positional, every field checked as the old table's columns would have been. */
function rowArray(r: NewPrediction, at: number): unknown[] {
  const hashOnly = r.text === null || r.text === undefined;
  return [
    r.id,
    at,
    hashOnly ? null : optionalText(r, 'text', r.text),
    // A kept text's hash is not stored (a quarter of a row's bytes): it is by definition the
    // SHA-256 of the text (textSha256), which the database computes when read (PREDICTION_COLUMNS_OF_R).
    hashOnly ? requiredText(r, 'text_sha256', r.textSha256) : null,
    requiredInteger(r, 'text_length', r.textLength),
    requiredNumber(r, 'risk_score', r.riskScore),
    requiredText(r, 'label', r.label),
    requiredBoolean(r, 'is_threat', r.isThreat),
    requiredNumber(r, 'threshold', r.threshold),
    requiredText(r, 'model_version', r.modelVersion),
    tagList(r),
    requiredInteger(r, 'latency_us', r.latencyUs),
    requiredText(r, 'source', r.source),
    optionalText(r, 'client', r.client),
    optionalText(r, 'shadow_version', r.shadowVersion),
    r.shadowScore === null || r.shadowScore === undefined ? null : requiredNumber(r, 'shadow_score', r.shadowScore),
  ];
}

const INT4_MAX = 2_147_483_647;

function refuse(r: NewPrediction, column: string, why: string, code: string): never {
  throw new PredictionDataError(code, `prediction ${r.id}: ${column} ${why}`);
}

function optionalText(r: NewPrediction, column: string, s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string') refuse(r, column, 'is not a string', '22P02');
  // No UTF-8 form (lone surrogate) or NUL: PostgreSQL text cannot hold either.
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) refuse(r, column, 'is not well-formed Unicode', '22021');
  if (s.includes('\u0000')) refuse(r, column, 'contains NUL', '22021');
  return s;
}

function requiredText(r: NewPrediction, column: string, s: string | null): string {
  const v = optionalText(r, column, s);
  return v === null ? refuse(r, column, 'is missing', '23502') : v;
}

function requiredNumber(r: NewPrediction, column: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) refuse(r, column, 'is not a finite number', '23502');
  return x;
}

function requiredInteger(r: NewPrediction, column: string, x: number): number {
  requiredNumber(r, column, x);
  if (!Number.isInteger(x) || Math.abs(x) > INT4_MAX) refuse(r, column, 'is not a 32-bit integer', '22003');
  return x;
}

function requiredBoolean(r: NewPrediction, column: string, b: boolean): boolean {
  if (typeof b !== 'boolean') refuse(r, column, 'is not a boolean', '23502');
  return b;
}

function tagList(r: NewPrediction): readonly string[] {
  const tags = r.tags ?? [];
  if (!Array.isArray(tags)) refuse(r, 'tags', 'is not a list', '22P02');
  for (let i = 0; i < tags.length; i++) requiredText(r, 'tags', tags[i]);
  return tags;
}

/**
 * The select list turning one element `r` of a segment's rows back into the prediction
 * columns. Milliseconds become a timestamptz exactly (to_timestamp rounds to whole
 * microseconds); numbers pass through jsonb's exact numeric, so doubles round-trip bit for bit;
 * a kept text's hash is computed from it (the SHA-256 of its UTF-8, as textSha256 does).
 */
export const PREDICTION_COLUMNS_OF_R = `r->>0 as id, to_timestamp((r->>1)::double precision / 1000) as created_at, r->>2 as text,
  coalesce(r->>3, encode(sha256(convert_to(r->>2, 'UTF8')), 'hex')) as text_sha256,
  (r->>4)::integer as text_length, (r->>5)::double precision as risk_score, r->>6 as label, (r->>7)::boolean as is_threat,
  (r->>8)::double precision as threshold, r->>9 as model_version, r->10 as tags, (r->>11)::integer as latency_us, r->>12 as source,
  r->>13 as client, r->>14 as shadow_version, (r->>15)::double precision as shadow_score`;
