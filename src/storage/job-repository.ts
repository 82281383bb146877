import { sql, type Kysely, type Selectable } from 'kysely';
import { wardenError } from '../errors.js';
import type { JobState, JobsTable, Schema } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';
import type { NewPrediction } from './prediction-record.js';
import { insertPredictionsWithin } from './prediction-repository.js';

export type { JobState } from './schema.js';

/** A batch job and its progress. */
export interface JobRecord {
  id: string;
  state: JobState;
  createdAt: Date;
  updatedAt: Date;
  totalRows: number;
  doneRows: number;
  errorCount: number;
  inputFormat: string;
  options: Record<string, unknown>;
  error: string | null;
  modelVersion: string | null;
}

/** What {@link JobRepository.create} needs; the id is generated unless given. */
export interface NewJob {
  id?: string;
  inputFormat: string;
  options?: Record<string, unknown>;
  modelVersion?: string | null;
}

/** One input row; its row_index is its position in the input. */
export interface JobRowInput {
  text: string;
  passthrough?: Record<string, unknown> | null;
}

/** An input row still waiting for a result. */
export interface PendingJobRow {
  rowIndex: number;
  text: string;
  passthrough: Record<string, unknown> | null;
}

/** A row's outcome: an output, or an error message. */
export interface JobRowResult {
  rowIndex: number;
  output?: unknown;
  error?: string | null;
  /** The row's entry in the prediction history, stored with the result (so exactly once). */
  prediction?: NewPrediction;
}

/** A stored result joined with its input row, as {@link JobRepository.results} yields it. */
export interface JobResultRecord {
  rowIndex: number;
  text: string;
  passthrough: Record<string, unknown> | null;
  output: unknown;
  error: string | null;
}

const ROW_CHUNK = 1000;

/**
 * Durable batch jobs. Results are keyed by (job_id, row_index) and inserted with
 * ON CONFLICT DO NOTHING, and progress is recounted from the results table, so a worker
 * killed mid-chunk can reprocess the chunk without any row counted or stored twice.
 */
export class JobRepository {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /** Creates a queued job and its input rows in one transaction (rows in chunks of 1,000). */
  async create(job: NewJob, rows: Iterable<JobRowInput> | AsyncIterable<JobRowInput>): Promise<JobRecord> {
    const id = job.id ?? timeOrderedId();
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('jobs')
        .values({
          id,
          state: 'queued',
          input_format: job.inputFormat,
          options: JSON.stringify(job.options ?? {}),
          model_version: job.modelVersion ?? null,
        })
        .execute();
      let total = 0;
      let chunk: { job_id: string; row_index: number; text: string; passthrough: string | null }[] = [];
      const flush = async () => {
        if (chunk.length > 0) await trx.insertInto('job_rows').values(chunk).execute();
        chunk = [];
      };
      for await (const row of rows) {
        if (typeof row.text !== 'string') throw wardenError('INVALID_INPUT', `Job row ${total} has no text`);
        chunk.push({ job_id: id, row_index: total++, text: row.text, passthrough: row.passthrough ? JSON.stringify(row.passthrough) : null });
        if (chunk.length >= ROW_CHUNK) await flush();
      }
      await flush();
      const created = await trx
        .updateTable('jobs')
        .set({ total_rows: total })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromJobRow(created);
    });
  }

  /** One job, or null. */
  async get(id: string): Promise<JobRecord | null> {
    const row = await this.#db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromJobRow(row) : null;
  }

  /** Up to `limit` input rows that have no result yet, in row order. */
  async nextPendingRows(jobId: string, limit: number): Promise<PendingJobRow[]> {
    if (!Number.isInteger(limit) || limit < 1) throw wardenError('INVALID_INPUT', `Invalid limit ${limit}`);
    const rows = await this.#db
      .selectFrom('job_rows as r')
      .select(['r.row_index', 'r.text', 'r.passthrough'])
      .where('r.job_id', '=', jobId)
      .where(sql<boolean>`not exists (select 1 from job_results s where s.job_id = r.job_id and s.row_index = r.row_index)`)
      .orderBy('r.row_index')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ rowIndex: r.row_index, text: r.text, passthrough: r.passthrough ?? null }));
  }

  /**
   * Records results, skipping rows that already have one, then recounts done_rows and
   * error_count from the results table. Returns the job as updated; JOB_NOT_FOUND if unknown,
   * INVALID_INPUT (and nothing saved) if a row index is outside the job.
   */
  async saveResults(jobId: string, results: readonly JobRowResult[]): Promise<JobRecord> {
    return this.#db.transaction().execute(async (trx) => {
      // Locking the job row serialises concurrent saves for one job, so each recount is exact.
      const locked = await trx.selectFrom('jobs').select('total_rows').where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!locked) throw wardenError('JOB_NOT_FOUND', `No job ${jobId}`);
      for (const r of results) {
        if (!Number.isInteger(r.rowIndex) || r.rowIndex < 0 || r.rowIndex >= locked.total_rows) {
          throw wardenError('INVALID_INPUT', `Row index ${r.rowIndex} is outside job ${jobId} (${locked.total_rows} rows)`);
        }
      }
      for (let i = 0; i < results.length; i += ROW_CHUNK) {
        const values = results.slice(i, i + ROW_CHUNK).map((r) => ({
          job_id: jobId,
          row_index: r.rowIndex,
          output: r.output === undefined ? null : JSON.stringify(r.output),
          error: r.error ?? null,
        }));
        const saved = await trx
          .insertInto('job_results')
          .values(values)
          .onConflict((oc) => oc.columns(['job_id', 'row_index']).doNothing())
          .returning('row_index')
          .execute();
        // History rows only for results saved now: a chunk scored again after a crash (its
        // results already committed) adds none, so each job row is in the history once.
        const fresh = new Set(saved.map((r) => r.row_index));
        const predictions: NewPrediction[] = [];
        for (let k = i; k < Math.min(i + ROW_CHUNK, results.length); k++) {
          const r = results[k];
          if (r.prediction && fresh.delete(r.rowIndex)) predictions.push(r.prediction); // a row index given twice: its first record
        }
        if (predictions.length > 0) await insertPredictionsWithin(trx, predictions);
      }
      const job = await trx
        .updateTable('jobs')
        .set({
          done_rows: sql<number>`(select count(*)::int from job_results where job_id = ${jobId})`,
          error_count: sql<number>`(select count(*)::int from job_results where job_id = ${jobId} and error is not null)`,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromJobRow(job);
    });
  }

  /**
   * Moves a job to `state`. With `from`, only when its current state is one of those
   * (so two workers cannot both claim a queued job). Returns the updated job, or null when
   * `from` did not match; JOB_NOT_FOUND when there is no such job.
   */
  async markState(
    jobId: string,
    state: JobState,
    options: { from?: readonly JobState[]; error?: string | null } = {},
  ): Promise<JobRecord | null> {
    let q = this.#db
      .updateTable('jobs')
      .set({ state, updated_at: sql<Date>`now()`, ...(options.error !== undefined ? { error: options.error } : {}) })
      .where('id', '=', jobId);
    if (options.from) q = q.where('state', 'in', options.from.length > 0 ? [...options.from] : ['__none__' as JobState]);
    const row = await q.returningAll().executeTakeFirst();
    if (row) return fromJobRow(row);
    if ((await this.get(jobId)) === null) throw wardenError('JOB_NOT_FOUND', `No job ${jobId}`);
    return null;
  }

  /** One page of results in row order after `afterRowIndex` (-1 for the start), joined with their input rows. */
  async resultsPage(jobId: string, afterRowIndex: number, limit: number): Promise<JobResultRecord[]> {
    const page = await this.#db
      .selectFrom('job_results as s')
      .innerJoin('job_rows as r', (j) => j.onRef('r.job_id', '=', 's.job_id').onRef('r.row_index', '=', 's.row_index'))
      .select(['s.row_index', 'r.text', 'r.passthrough', 's.output', 's.error'])
      .where('s.job_id', '=', jobId)
      .where('s.row_index', '>', afterRowIndex)
      .orderBy('s.row_index')
      .limit(limit)
      .execute();
    return page.map((r) => ({ rowIndex: r.row_index, text: r.text, passthrough: r.passthrough ?? null, output: r.output ?? null, error: r.error }));
  }

  /**
   * Results in row order, read `pageSize` at a time. Built on {@link resultsPage}, so a proxy
   * that forwards `resultsPage` (the cluster's storage IPC) can offer the same iterator.
   */
  async *results(jobId: string, pageSize = 1000): AsyncGenerator<JobResultRecord> {
    yield* pagedResults((after, limit) => this.resultsPage(jobId, after, limit), pageSize);
  }
}

/** Iterates result pages fetched by `page(after, limit)` until a short page. */
export async function* pagedResults(
  page: (afterRowIndex: number, limit: number) => Promise<JobResultRecord[]>,
  pageSize = 1000,
): AsyncGenerator<JobResultRecord> {
  let after = -1;
  for (;;) {
    const rows = await page(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].rowIndex;
  }
}

function fromJobRow(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    totalRows: row.total_rows,
    doneRows: row.done_rows,
    errorCount: row.error_count,
    inputFormat: row.input_format,
    options: row.options,
    error: row.error,
    modelVersion: row.model_version,
  };
}
