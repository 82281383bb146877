import { messages, types, type PGlite } from '@electric-sql/pglite';
import { BulkText } from './bulk-text.js';

/**
 * One statement on PGlite through its wire protocol (`execProtocolRawStream`): Parse, Bind, Describe,
 * Execute and Sync written as one message, with every parameter already in bytes. The PGlite
 * dialect takes this path for statements carrying a {@link BulkText}: `PGlite.query` makes six
 * calls into Postgres per statement and measures each string parameter's UTF-8 length in a
 * JavaScript loop, which for the prediction log's segments cost twice the insert itself.
 *
 * Parameters are sent as text with their types left to the server, which infers them from the
 * statement (`insert … values ($1, …)` takes the columns' types). Rows come back parsed with
 * the instance's own parsers, as `PGlite.query` parses them. The caller must hold the only
 * connection (the dialect's lock), as for any statement.
 */
export async function queryOverWire(pglite: PGlite, text: string, params: readonly unknown[]): Promise<WireResult> {
  await pglite._checkReady(); // 'PGlite is closed', as `query` says it
  const message = encodeStatement(text, params.map(paramBytes));
  // The streaming form: `execProtocolRaw` would also parse the response into a list PGlite
  // keeps until its next `query`.
  const chunks: Uint8Array[] = [];
  await pglite.runExclusive(() => pglite.execProtocolRawStream(message, { onRawData: (bytes) => chunks.push(bytes.slice()) }));
  return decodeResponse(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), pglite.parsers);
}

/** The fields of PGlite's own `Results` that the dialect reads, so both paths are read alike. */
export interface WireResult {
  rows: Record<string, unknown>[];
  /** The command tag's first word: INSERT, UPDATE, SELECT, CREATE… */
  command?: string;
  /** The command tag's count (INSERT 0 n, UPDATE n, SELECT n…), when it has one. */
  rowCount?: number;
}

function paramBytes(value: unknown, i: number): Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (value instanceof BulkText) return value.utf8;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return Buffer.from(String(value), 'latin1');
  if (typeof value === 'boolean') return Buffer.from(value ? 't' : 'f', 'latin1');
  if (value instanceof Date) return Buffer.from(value.toISOString(), 'latin1'); // RangeError for an invalid date, as PGlite's serializer
  throw new TypeError(`parameter $${i + 1} (${Object.prototype.toString.call(value)}) cannot be sent over PGlite's wire path`);
}

const ZERO = 0;

/** Parse (unnamed, untyped) + Bind (text parameters) + Describe portal + Execute + Sync. */
function encodeStatement(text: string, params: readonly (Uint8Array | null)[]): Uint8Array {
  const sqlBytes = Buffer.byteLength(text, 'utf8');
  const parseLen = 4 + 1 + sqlBytes + 1 + 2;
  let bindLen = 4 + 1 + 1 + 2 + 2 + 2;
  for (const p of params) bindLen += 4 + (p ? p.length : 0);
  const describeLen = 4 + 1 + 1;
  const executeLen = 4 + 1 + 4;
  const out = Buffer.allocUnsafe(1 + parseLen + 1 + bindLen + 1 + describeLen + 1 + executeLen + 1 + 4);
  let o = 0;
  out[o++] = 0x50; // 'P'
  o = out.writeInt32BE(parseLen, o);
  out[o++] = ZERO; // unnamed statement
  o += out.write(text, o, 'utf8');
  out[o++] = ZERO;
  o = out.writeInt16BE(0, o); // no parameter types: the server infers them
  out[o++] = 0x42; // 'B'
  o = out.writeInt32BE(bindLen, o);
  out[o++] = ZERO; // unnamed portal
  out[o++] = ZERO; // unnamed statement
  o = out.writeInt16BE(0, o); // every parameter in text format
  o = out.writeUInt16BE(params.length, o); // RangeError beyond 65,535, as the protocol allows no more
  for (const p of params) {
    if (p === null) {
      o = out.writeInt32BE(-1, o);
    } else {
      o = out.writeInt32BE(p.length, o);
      out.set(p, o);
      o += p.length;
    }
  }
  o = out.writeInt16BE(0, o); // every result column in text format
  out[o++] = 0x44; // 'D'
  o = out.writeInt32BE(describeLen, o);
  out[o++] = 0x50; // portal
  out[o++] = ZERO;
  out[o++] = 0x45; // 'E'
  o = out.writeInt32BE(executeLen, o);
  out[o++] = ZERO;
  o = out.writeInt32BE(0, o); // all rows
  out[o++] = 0x53; // 'S'
  o = out.writeInt32BE(4, o);
  return out;
}

/** A command tag: its command, and the count it ends with, if any. */
const TAG = /^(\w+)(?:.* (\d+)$)?/;

/** The response's rows and command tag; the first ErrorResponse is thrown as PGlite throws it. */
function decodeResponse(data: Uint8Array, parsers: PGlite['parsers']): WireResult {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let fields: { name: string; type: number }[] = [];
  const rows: Record<string, unknown>[] = [];
  let tag: string | null = null;
  let error: Error | null = null;
  for (let o = 0; o + 5 <= buf.length; ) {
    const type = buf[o];
    const end = o + 1 + buf.readInt32BE(o + 1);
    let p = o + 5;
    if (type === 0x54 /* T: RowDescription */) {
      const n = buf.readInt16BE(p);
      p += 2;
      fields = [];
      for (let i = 0; i < n; i++) {
        const nul = buf.indexOf(0, p);
        const name = buf.toString('utf8', p, nul);
        p = nul + 1 + 4 + 2; // table oid, column number
        fields.push({ name, type: buf.readInt32BE(p) });
        p += 4 + 2 + 4 + 2; // type oid, size, modifier, format
      }
    } else if (type === 0x44 /* D: DataRow */) {
      const n = buf.readInt16BE(p);
      p += 2;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const len = buf.readInt32BE(p);
        p += 4;
        const field = fields[i];
        row[field.name] = len < 0 ? null : types.parseType(buf.toString('utf8', p, p + len), field.type, parsers);
        if (len > 0) p += len;
      }
      rows.push(row);
    } else if (type === 0x43 /* C: CommandComplete */) {
      tag = buf.toString('utf8', p, end - 1);
    } else if (type === 0x45 /* E: ErrorResponse */ && error === null) {
      error = decodeError(buf, p, end);
    }
    o = end;
  }
  if (error) throw error;
  const parts = tag === null ? null : TAG.exec(tag);
  return parts ? { rows, command: parts[1], ...(parts[2] !== undefined ? { rowCount: Number(parts[2]) } : {}) } : { rows };
}

/** An ErrorResponse as PGlite's DatabaseError, with the SQLSTATE in `code` (callers sort errors by it). */
function decodeError(buf: Buffer, start: number, end: number): Error {
  const f: Record<string, string> = {};
  for (let p = start; p < end && buf[p] !== 0; ) {
    const key = String.fromCharCode(buf[p]);
    const nul = buf.indexOf(0, p + 1);
    f[key] = buf.toString('utf8', p + 1, nul);
    p = nul + 1;
  }
  const err = new messages.DatabaseError(f.M ?? 'unknown database error', end - start, 'error');
  Object.assign(err, {
    severity: f.S,
    code: f.C,
    detail: f.D,
    hint: f.H,
    schema: f.s,
    table: f.t,
    column: f.c,
    constraint: f.n,
  });
  return err;
}
