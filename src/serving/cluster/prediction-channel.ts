import type { Worker } from 'node:cluster';
import { ERROR_CODES, isWardenError, wardenError, type ErrorCode } from '../../errors.js';
import { encodeSegments, isDataError, type EncodedPredictions, type InsertCoalescer, type PredictionSink } from '../../storage/index.js';

/**
 * The prediction log of a cluster on the embedded database: each worker's buffered writer sends
 * its batches, already encoded as segments (UTF-8 bytes: cheap to clone across IPC, nothing to
 * re-encode in the primary), and waits for the primary's answer; the primary writes the batches
 * of all workers with shared statements (see createInsertCoalescer) and answers once they are
 * committed. So a worker's writer keeps its guarantees (retries, bound, flush on close) and the
 * primary, which competes with the workers for the cores, does no per-row work in JavaScript.
 */
interface InsertMessage {
  type: 'predictions.insert';
  id: number;
  /**
   * The batch's segments, their rows as UTF-8: the cluster's structured clone copies bytes as
   * they are (a string holding any character above U+00FF would cross as two bytes a
   * character), and the primary hands them to the database as they came.
   */
  segments: EncodedPredictions[];
}
interface InsertedMessage {
  type: 'predictions.inserted';
  id: number;
  ok: boolean;
  /** A SQLSTATE (bad data: the worker's writer isolates the row) or a catalogue code. */
  error?: { code: string | null; message: string };
}

/** Primary side: inserts a worker's batches through the shared coalescer and acknowledges each. */
export function servePredictionChannel(worker: Worker, coalescer: InsertCoalescer): void {
  worker.on('message', (msg: InsertMessage) => {
    if (msg?.type !== 'predictions.insert') return;
    const reply = (r: Omit<InsertedMessage, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: 'predictions.inserted', id: msg.id, ...r } satisfies InsertedMessage);
    };
    const segments = Array.isArray(msg.segments) ? msg.segments.map(decodeSegment) : [];
    if (segments.length === 0 || segments.includes(null)) {
      reply({ ok: false, error: { code: 'INTERNAL', message: 'malformed prediction batch' } });
      return;
    }
    coalescer.insert(segments as EncodedPredictions[]).then(
      () => reply({ ok: true }),
      (err: unknown) => {
        const code = isWardenError(err) ? err.code : isDataError(err) ? ((err as { code: string }).code as string) : null;
        reply({ ok: false, error: { code, message: (err as Error)?.message ?? String(err) } });
      },
    );
  });
}

/** Worker side: a writer sink whose inserts are answered by the primary. */
export function predictionChannelSink(): PredictionSink {
  let next = 1;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(wardenError('STORAGE_UNAVAILABLE', why));
    pending.clear();
  };
  process.on('message', (msg: InsertedMessage) => {
    if (msg?.type !== 'predictions.inserted') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve();
    else p.reject(toError(msg.error));
  });
  // Batches in flight when the channel closes get an answer: the writer keeps them buffered.
  process.on('disconnect', () => failAll('the primary process went away before confirming the write'));
  return {
    insertMany(rows) {
      return new Promise<void>((resolve, reject) => {
        if (!process.send || !process.connected) {
          reject(wardenError('STORAGE_UNAVAILABLE', 'the primary process is not reachable'));
          return;
        }
        // A row the log must refuse throws a data error here: the writer isolates it.
        const segments = encodeSegments(rows);
        const id = next++;
        pending.set(id, { resolve, reject });
        process.send({ type: 'predictions.insert', id, segments } satisfies InsertMessage, undefined, {}, (err) => {
          if (!err || !pending.delete(id)) return;
          reject(wardenError('STORAGE_UNAVAILABLE', `cannot reach the primary process: ${err.message}`));
        });
      });
    },
  };
}

function decodeSegment(s: InsertMessage['segments'][number]): EncodedPredictions | null {
  if (!(s?.json instanceof Uint8Array) || !Number.isSafeInteger(s.count) || s.count < 1 || typeof s.firstId !== 'string' || !Number.isFinite(s.fromMs) || !Number.isFinite(s.toMs)) return null;
  // Bytes as they came: the database takes them as they are (BulkText), never as a string.
  return { json: s.json, count: s.count, firstId: s.firstId, fromMs: s.fromMs, toMs: s.toMs };
}

function toError(e: InsertedMessage['error']): Error {
  const message = e?.message ?? 'unknown error';
  const code = e?.code ?? null;
  // A data error keeps its SQLSTATE, so the writer retries the batch row by row and rejects only the bad row.
  if (code !== null && isDataError({ code })) return Object.assign(new Error(message), { code });
  if (code !== null && code in ERROR_CODES) return wardenError(code as ErrorCode, message);
  return wardenError('STORAGE_UNAVAILABLE', `prediction write failed: ${message}`);
}
