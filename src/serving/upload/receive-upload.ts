/**
 * Receives a multipart file upload into a private temp file, checking as the bytes arrive that
 * it is valid UTF-8 and within the size limit. The readers in src/data work on files, and the
 * checks done up front let a route answer 400/413 before it starts streaming a response.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { detectFormat, type DataFormat } from '../../data/index.js';
import { isWardenError, wardenError } from '../../errors.js';

export interface Upload {
  /** The temp file holding the bytes. */
  path: string;
  /** The name the client gave, for messages (never used as a path). */
  filename: string;
  format: DataFormat;
  /** Deletes the temp file; safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** An explicit format (query `format=`); else by the file name's extension, then by content. */
  format?: string;
}

const KNOWN_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.jsonl', '.ndjson']);
const FORMATS = new Set(['auto', 'csv', 'tsv', 'jsonl', 'uci']);

/**
 * Newlines in `chunk` before its first undecodable byte, found on the failure path only: a lossy
 * decode marks it with U+FFFD (continuation bytes of a character begun in the previous chunk are
 * skipped first). A genuine U+FFFD earlier on the same chunk would make the line an estimate.
 */
function linesBeforeBadByte(chunk: Buffer): number {
  let start = 0;
  while (start < 3 && start < chunk.length && (chunk[start] & 0xc0) === 0x80) start++;
  const text = new TextDecoder('utf-8').decode(chunk.subarray(start));
  const bad = text.indexOf('\ufffd');
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && (bad === -1 || i < bad); i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Passes bytes through, failing with INVALID_UTF8 at the first byte sequence that is not UTF-8. */
class Utf8Check extends Transform {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  #lines = 1;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.#decoder.decode(chunk, { stream: true });
    } catch (err) {
      done(wardenError('INVALID_UTF8', `the file is not valid UTF-8 (line ${this.#lines + linesBeforeBadByte(chunk)})`, { cause: err }));
      return;
    }
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.#lines++;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.#decoder.decode();
      done();
    } catch (err) {
      done(wardenError('INVALID_UTF8', 'the file ends inside a UTF-8 character', { cause: err }));
    }
  }
}

/**
 * Reads the single file part of a multipart request. UNSUPPORTED_FORMAT (415) when the request
 * is not multipart or the format cannot be told, INVALID_INPUT when it has no file,
 * PAYLOAD_TOO_LARGE (413) over `maxBytes`, INVALID_UTF8 for bytes that are not UTF-8.
 */
export async function receiveUpload(req: FastifyRequest, opts: ReceiveOptions): Promise<Upload> {
  if (!req.isMultipart()) {
    throw wardenError('UNSUPPORTED_FORMAT', 'send the file as multipart/form-data (a CSV, TSV or JSONL file in one file field)');
  }
  const format = opts.format ?? 'auto';
  if (!FORMATS.has(format)) throw wardenError('INVALID_INPUT', `unknown format '${format}' (use csv, tsv, jsonl, uci or auto)`);
  const part = await req.file({ limits: { fileSize: opts.maxBytes } });
  if (!part) throw wardenError('INVALID_INPUT', 'the multipart body has no file field');
  const dir = await mkdtemp(join(tmpdir(), 'warden-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const ext = extname(part.filename ?? '').toLowerCase();
  const path = join(dir, `upload${KNOWN_EXTENSIONS.has(ext) ? ext : ''}`);
  try {
    await pipeline(part.file, new Utf8Check(), createWriteStream(path));
    if (part.file.truncated) throw wardenError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${opts.maxBytes} bytes`);
    const detected = await detectFormat(path, format as DataFormat | 'auto').catch((err: unknown) => {
      throw isWardenError(err) ? wardenError(err.code, err.message.replace(path, part.filename || 'upload')) : err;
    });
    return { path, filename: part.filename || 'upload', format: detected, cleanup };
  } catch (err) {
    // Drain what is left so the connection can answer; then remove the partial file.
    part.file.resume();
    await cleanup();
    if (isWardenError(err)) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || part.file.truncated) {
      throw wardenError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${opts.maxBytes} bytes`, { cause: err });
    }
    throw err;
  }
}
