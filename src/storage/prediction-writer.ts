import { coerceError, wardenError } from '../errors.js';
import { BoundedQueue } from './bounded-queue.js';
import type { NewPrediction } from './prediction-record.js';
import { isDataError } from './sql-errors.js';

/**
 * Where batches go: in production a {@link PredictionRepository}. Must skip a batch it already
 * stored (the writer retries a failed batch exactly: same rows, same order).
 */
export interface PredictionSink {
  insertMany(rows: readonly NewPrediction[]): Promise<unknown>;
}

/** Tuning and metric hooks; every field optional. */
export interface PredictionWriterOptions {
  /** How long a row may wait for companions before a partial batch is written (default 200 ms). */
  flushIntervalMs?: number;
  /** Rows per insert (default 500); reaching it flushes at once. */
  batchSize?: number;
  /** Most rows held while the database is away (default 100,000); beyond it the oldest are dropped. */
  maxBuffered?: number;
  /**
   * Backpressure: while the database answers but the buffer holds more than this many rows
   * (default 5,000, at most maxBuffered), {@link PredictionWriter.whenRoom} makes producers wait.
   */
  backlogRows?: number;
  /** How long a producer waits for room before giving up with STORAGE_BUSY (default 10 s). */
  backlogWaitMs?: number;
  /** First retry delay after a failed flush (default 100 ms), doubling up to retryMaxMs (default 5 s). */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Called after each successful insert with its row count and duration. */
  onFlush?: (rows: number, ms: number) => void;
  /** Called on each failed insert (the rows stay buffered) and each rejected row. */
  onError?: (err: Error) => void;
}

/** Counters since the writer started. `dropped` counts rows lost to the bound or to close. */
export interface PredictionWriterStatus {
  buffered: number;
  written: number;
  dropped: number;
  /** Rows the database refused as invalid (a data or constraint error on that row alone). */
  rejected: number;
  failures: number;
  healthy: boolean;
  lastError?: string;
}

/** See {@link createPredictionWriter}. */
export interface PredictionWriter {
  /** Buffers one row; synchronous, O(1), never throws and never waits for the database. */
  enqueue(row: NewPrediction): void;
  /**
   * Backpressure for producers, called before they score: `null` when there is room (the
   * common case, no promise made), else a promise that resolves once the writer has brought its
   * buffer back under `backlogRows` (waiters are released together: ask again before adding
   * rows, as `logRoom` callers loop). A database that is up but slower than the intake thus
   * slows answers down instead of filling the buffer until rows are dropped. While the
   * database is failing there is no waiting (scoring goes on; the buffer's bound applies),
   * and waiting ends at once when it starts failing or the writer closes. Rejects with
   * STORAGE_BUSY after `backlogWaitMs` without room (a write that hangs).
   */
  whenRoom(): Promise<void> | null;
  status(): PredictionWriterStatus;
  /** Writes everything buffered now, ignoring backoff; rejects with STORAGE_UNAVAILABLE if a write fails. */
  flush(): Promise<void>;
  /** Stops the timer and makes a last flush attempt; rows still buffered afterwards count as dropped. */
  close(): Promise<PredictionWriterStatus>;
}

/**
 * A buffered, batching prediction writer, so scoring never waits on the database. Rows wait
 * in a bounded ring buffer; a background loop inserts them in batches. When the database is
 * down, batches go back to the head of the buffer and are retried with exponential backoff;
 * when the buffer is full, the oldest rows are dropped and counted, never silently.
 *
 * @example
 * ```ts
 * const writer = createPredictionWriter(new PredictionRepository(store.db), { onFlush: (n) => written.inc(n) });
 * writer.enqueue(preparePrediction(scored, { storeText: false }));
 * await writer.close();
 * ```
 */
export function createPredictionWriter(sink: PredictionSink, options: PredictionWriterOptions = {}): PredictionWriter {
  const flushIntervalMs = positive('flushIntervalMs', options.flushIntervalMs ?? 200, true);
  const batchSize = positive('batchSize', options.batchSize ?? 500);
  const maxBuffered = positive('maxBuffered', options.maxBuffered ?? 100_000);
  // Below the bound by a batch at least, or waiting would never start before rows are dropped.
  const backlogRows = Math.max(1, Math.min(maxBuffered - batchSize, positive('backlogRows', options.backlogRows ?? 5_000)));
  const backlogWaitMs = positive('backlogWaitMs', options.backlogWaitMs ?? 10_000, true);
  const retryInitialMs = positive('retryInitialMs', options.retryInitialMs ?? 100, true);
  const retryMaxMs = Math.max(retryInitialMs, positive('retryMaxMs', options.retryMaxMs ?? 5_000, true));

  const queue = new BoundedQueue<NewPrediction>(maxBuffered);
  let inFlight = 0;
  /**
   * The rows of a failed insert that may have committed after all (its answer was lost): they
   * go again first, as exactly that batch, which the sink recognises as stored. Kept apart from
   * the buffer and never dropped by its bound (a batch with rows missing would have another key,
   * and the rest would be stored twice); counted in it, like rows in flight.
   */
  let inDoubt: NewPrediction[] | null = null;
  /** Failed attempts of the batch in doubt, its first included. */
  let doubtedAttempts = 0;
  const held = () => queue.size + inFlight + (inDoubt?.length ?? 0);
  let written = 0;
  let dropped = 0;
  let rejected = 0;
  let failures = 0;
  let consecutiveFailures = 0;
  let lastError: Error | undefined;
  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<boolean> | null = null;
  let closed = false;
  /** Producers waiting for room (see whenRoom); released together. */
  let waiters: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  const releaseWaiters = () => {
    if (waiters.length === 0) return;
    const released = waiters;
    waiters = [];
    for (const w of released) {
      clearTimeout(w.timer);
      w.resolve();
    }
  };
  /**
   * Producers wait while the buffer holds more than this: `backlogRows`, or, after an outage,
   * what had piled up by the time the database answered again, ratcheting down as it drains.
   * So catching up after an outage makes no one wait unless the buffer grows again.
   */
  let ceiling = backlogRows;
  const hasRoom = () => held() <= ceiling || consecutiveFailures > 0 || closed;

  const report = (err: Error) => {
    try {
      options.onError?.(err);
    } catch {
      // A metrics hook must not break the writer.
    }
  };

  /** A drain after `delayMs`: of full batches only (`all` false), or of every row buffered by then. */
  const schedule = (delayMs: number, all = true) => {
    if (timer !== null || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void drain(all);
    }, delayMs);
    timer.unref();
  };

  // One row at a time, so one bad row costs only itself; a transient error puts the rest back.
  const insertOneByOne = async (batch: NewPrediction[]): Promise<void> => {
    for (let i = 0; i < batch.length; i++) {
      try {
        await sink.insertMany([batch[i]]);
        written++;
      } catch (raw) {
        const err = coerceError(raw);
        if (!isDataError(err)) throw Object.assign(err, { remaining: batch.slice(i) });
        rejected++;
        report(wardenError('BAD_DATA', `Prediction ${batch[i].id} rejected by the database`, { cause: err }));
      }
    }
  };

  // Full batches go at once; a partial batch only when its rows have waited flushIntervalMs
  // (`all`: the rows buffered when the drain started), so rows arriving during a write gather
  // into full batches instead of trickling out as many small ones (fewer, fuller statements).
  const drainOnce = async (all: boolean): Promise<boolean> => {
    let owed = all ? queue.size : 0;
    while (inDoubt !== null || queue.size >= batchSize || (owed > 0 && queue.size > 0)) {
      const retrying = inDoubt !== null;
      const batch = inDoubt ?? queue.take(batchSize);
      inDoubt = null;
      if (!retrying) owed -= batch.length;
      inFlight = batch.length;
      const started = performance.now();
      try {
        try {
          await sink.insertMany(batch);
          written += batch.length;
        } catch (raw) {
          if (!isDataError(coerceError(raw))) throw raw;
          await insertOneByOne(batch);
        }
        inFlight = 0;
        ceiling = consecutiveFailures > 0 ? Math.max(backlogRows, queue.size) : Math.max(backlogRows, Math.min(ceiling, queue.size));
        consecutiveFailures = 0;
        if (queue.size <= ceiling) releaseWaiters();
        try {
          options.onFlush?.(batch.length, performance.now() - started);
        } catch {
          // ignore hook failures
        }
      } catch (raw) {
        const err = coerceError(raw);
        const remaining = (err as { remaining?: NewPrediction[] }).remaining;
        const back = remaining ?? batch;
        inFlight = 0;
        // Row by row, only the row that failed is in doubt (the rest were never sent); otherwise
        // the whole batch is, unless the database could not even be reached on a first attempt.
        // A batch still failing after IN_DOUBT_ATTEMPTS attempts rejoins the buffer: a batch that
        // always fails (not as bad data) must not stop the log, and the bound may then drop it.
        doubtedAttempts = retrying ? doubtedAttempts + 1 : 1;
        const doubtful = (!retrying && neverReached(err)) || doubtedAttempts >= IN_DOUBT_ATTEMPTS ? 0 : remaining ? 1 : back.length;
        if (doubtful === 0) doubtedAttempts = 0;
        else inDoubt = back.slice(0, doubtful);
        dropped += queue.unshiftAll(back.slice(doubtful));
        failures++;
        consecutiveFailures++;
        lastError = err;
        releaseWaiters();
        report(err);
        const delay = Math.min(retryMaxMs, retryInitialMs * 2 ** (consecutiveFailures - 1));
        schedule(delay);
        return false;
      } finally {
        inFlight = 0;
      }
    }
    return true;
  };

  const drain = (all: boolean): Promise<boolean> => {
    if (draining) return draining;
    draining = drainOnce(all).finally(() => {
      draining = null;
      // What is left (a partial batch, or rows that came during the write) waits for companions.
      if (queue.size > 0) schedule(flushIntervalMs);
    });
    return draining;
  };

  const status = (): PredictionWriterStatus => {
    return {
      buffered: held(),
      written,
      dropped,
      rejected,
      failures,
      healthy: consecutiveFailures === 0,
      ...(lastError ? { lastError: lastError.message } : {}),
    };
  };

  const flush = async (): Promise<void> => {
    for (;;) {
      if (draining) await draining;
      if (queue.size === 0 && inDoubt === null) return;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!(await drain(true))) {
        throw wardenError('STORAGE_UNAVAILABLE', `Could not write ${held()} buffered predictions`, { cause: lastError });
      }
    }
  };

  return {
    enqueue(row) {
      if (closed) {
        dropped++;
        return;
      }
      // The bound covers rows in flight too: they return to the buffer if the insert fails.
      if (held() >= maxBuffered) {
        if (queue.size === 0) {
          dropped++;
          return;
        }
        queue.shift();
        dropped++;
      }
      queue.push(row);
      if (draining || consecutiveFailures > 0) return; // the loop or the backoff timer will get to it
      if (queue.size >= batchSize) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        schedule(0, false);
      } else {
        schedule(flushIntervalMs);
      }
    },

    whenRoom() {
      if (hasRoom()) return null;
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((w) => w !== waiter);
            reject(wardenError('STORAGE_BUSY', `The prediction log is ${held()} rows behind; retry shortly`, { details: { retryAfterSeconds: 1 } }));
          }, backlogWaitMs),
        };
        waiter.timer.unref();
        waiters.push(waiter);
      });
    },

    status,

    flush,

    async close() {
      try {
        await flush();
      } catch {
        // Reported through status below.
      }
      closed = true;
      releaseWaiters();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      dropped += queue.take(queue.size).length + (inDoubt?.length ?? 0);
      inDoubt = null;
      return status();
    },
  };
}

/**
 * Attempts a batch in doubt keeps its place for (its first included): enough to outlast a
 * failover's dropped connections at the backoff's pace (~100 ms … 5 s), few enough that a batch
 * which always fails leaves the head of the log.
 */
const IN_DOUBT_ATTEMPTS = 8;

/** Errors raised before a connection existed: the statement cannot have committed. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function neverReached(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && CONNECT_ERRORS.has(code);
}

function positive(name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < (allowZero ? 0 : 1) || (!allowZero && !Number.isInteger(value))) {
    throw wardenError('CONFIG_INVALID', `Prediction writer option ${name} must be a positive number, got ${value}`);
  }
  return value;
}
