import { coerceError, isWardenError, wardenError } from '../errors.js';
import type { Database, JobRecord, JobRepository, PendingJobRow } from '../storage/index.js';
import { claimerFor, type RowClaimer } from './row-claimer.js';
import type { ScoreTexts } from './row-outcome.js';

export interface JobRunnerOptions {
  jobs: JobRepository;
  database: Database;
  score: ScoreTexts;
  /** Rows scored and saved per claim (default 500). A crash repeats at most one chunk's scoring. */
  chunkSize?: number;
  /** How often to look for work when not notified (default 1000 ms). */
  pollMs?: number;
  /** Jobs worked on at once by this runner (default 1; 0 disables the runner). */
  concurrency?: number;
  /** Defaults to {@link claimerFor}; runners sharing one PGlite database in a process must share one. */
  claimer?: RowClaimer;
  /** After each saved chunk: rows saved and the job as updated (e.g. for a rows counter). */
  onRows?: (rows: number, job: JobRecord) => void;
  /** Rows still waiting across unfinished jobs, once per poll (e.g. for a queue-depth gauge). */
  onQueueDepth?: (rows: number) => void;
  /** Errors that did not fail a job (database unreachable, no model loaded): the runner retries. */
  onError?: (err: Error, jobId: string | null) => void;
}

export interface JobRunner {
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the chunks in flight to be saved. */
  stop(): Promise<void>;
  /** Wakes the poll loop now (a new job was accepted). */
  notify(): void;
  /** One pass: works every unfinished job until nothing is claimable. Returns rows saved. */
  runOnce(): Promise<number>;
}

/** Thrown by the scoring function, as opposed to the database: it decides whether a job fails. */
class ScoreFailure extends Error {}

const ACTIVE_JOBS_LIMIT = 100;

/**
 * The durable job runner: finds queued and running jobs, claims their pending rows a chunk at
 * a time (see row-claimer.ts), scores them and saves the results exactly once. Progress lives
 * in the database only, so a runner that is killed leaves nothing behind but unclaimed rows,
 * and any runner resumes the job where it stopped.
 *
 * A job fails when the scoring function throws (a bug or a broken model, not a bad row: bad
 * rows get an error column); NO_MODEL is the exception, the rows wait for a model instead.
 *
 * @example
 * const runner = createJobRunner({ jobs, database, score: detectorScorer(() => models.current.detector) });
 * runner.start();
 * // … on shutdown
 * await runner.stop();
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { jobs, database, score } = options;
  const chunkSize = options.chunkSize ?? 500;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw wardenError('CONFIG_INVALID', `job chunk size must be a positive integer, got ${chunkSize}`);
  if (!Number.isInteger(concurrency) || concurrency < 0) throw wardenError('CONFIG_INVALID', `job concurrency must be a non-negative integer, got ${concurrency}`);
  const claimer = options.claimer ?? claimerFor(database, jobs);
  const report = (err: unknown, jobId: string | null) => options.onError?.(coerceError(err), jobId);

  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let notified = false;

  async function scoreChunk(jobId: string, rows: PendingJobRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    let outcomes;
    try {
      outcomes = await score(rows.map((r) => r.text));
    } catch (err) {
      throw new ScoreFailure(coerceError(err).message, { cause: err });
    }
    if (outcomes.length !== rows.length) {
      throw new ScoreFailure(`the scorer returned ${outcomes.length} outcomes for ${rows.length} texts`);
    }
    const job = await jobs.saveResults(
      jobId,
      rows.map((r, i) => ({ rowIndex: r.rowIndex, output: outcomes[i].output, error: outcomes[i].error ?? null, prediction: outcomes[i].prediction })),
    );
    options.onRows?.(rows.length, job);
    return rows.length;
  }

  async function workJob(jobId: string): Promise<number> {
    let saved = 0;
    try {
      await jobs.markState(jobId, 'running', { from: ['queued'] });
      while (!stopping) {
        const n = await claimer.withClaim(jobId, chunkSize, (rows) => scoreChunk(jobId, rows));
        if (n === 0) break;
        saved += n;
      }
      if (stopping) return saved;
      // Nothing claimable: finished only if no row lacks a result (others may still hold some).
      if ((await jobs.nextPendingRows(jobId, 1)).length === 0) {
        await jobs.markState(jobId, 'done', { from: ['queued', 'running'] });
      }
    } catch (err) {
      const cause = err instanceof ScoreFailure ? err.cause : err;
      if (err instanceof ScoreFailure && !(isWardenError(cause) && cause.code === 'NO_MODEL')) {
        await jobs.markState(jobId, 'failed', { from: ['queued', 'running'], error: `scoring failed: ${err.message}` }).catch((e) => report(e, jobId));
      }
      report(cause, jobId);
    }
    return saved;
  }

  async function runOnce(): Promise<number> {
    if (concurrency === 0) return 0;
    const active = await database.db
      .selectFrom('jobs')
      .select(['id', 'total_rows', 'done_rows'])
      .where('state', 'in', ['queued', 'running'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(ACTIVE_JOBS_LIMIT)
      .execute();
    options.onQueueDepth?.(active.reduce((sum, j) => sum + (j.total_rows - j.done_rows), 0));
    let next = 0;
    let saved = 0;
    // `concurrency` lanes, each taking the next unfinished job (oldest first).
    const lane = async () => {
      while (!stopping && next < active.length) saved += await workJob(active[next++].id);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, active.length) }, lane));
    return saved;
  }

  function sleep(): Promise<void> {
    if (notified) {
      notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function pollLoop(): Promise<void> {
    while (!stopping) {
      try {
        notified = false;
        await runOnce();
      } catch (err) {
        report(err, null);
      }
      if (!stopping) await sleep();
    }
  }

  return {
    start() {
      if (loop || concurrency === 0) return;
      stopping = false;
      loop = pollLoop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = null;
    },
    notify() {
      notified = true;
      wake?.();
    },
    runOnce,
  };
}
