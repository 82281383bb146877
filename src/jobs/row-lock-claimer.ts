import { sql, type Kysely } from 'kysely';
import type { PendingJobRow, Schema } from '../storage/index.js';
import type { RowClaimer } from './row-claimer.js';

const STALE: unique symbol = Symbol('stale claim');

/**
 * Claims with PostgreSQL row locks held by an open transaction while `work` runs.
 *
 * `for no key update` (not `for update`) because saving a result inserts into job_results,
 * whose foreign key takes a `key share` lock on the same job_rows row from another connection:
 * `for update` would block that insert until this transaction ends, i.e. forever.
 * Needs a pool of at least two connections per concurrent claim (the claim and the save).
 */
export class RowLockClaimer implements RowClaimer {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  async withClaim<T>(jobId: string, limit: number, work: (rows: PendingJobRow[]) => Promise<T>): Promise<T> {
    // A claim whose rows all turned out saved (see below) is retried, so [] means "nothing claimable".
    for (;;) {
      const outcome = await this.#claimOnce(jobId, limit, work);
      if (outcome !== STALE) return outcome;
    }
  }

  async #claimOnce<T>(jobId: string, limit: number, work: (rows: PendingJobRow[]) => Promise<T>): Promise<T | typeof STALE> {
    return this.#db.transaction().execute(async (trx) => {
      const locked = await sql<{ row_index: number; text: string; passthrough: Record<string, unknown> | null }>`
        select r.row_index, r.text, r.passthrough
        from job_rows r
        where r.job_id = ${jobId}
          and not exists (select 1 from job_results s where s.job_id = r.job_id and s.row_index = r.row_index)
        order by r.row_index
        limit ${limit}
        for no key update of r skip locked`.execute(trx);
      if (locked.rows.length === 0) return work([]);
      // The first statement's snapshot predates the lock: a row another worker saved and then
      // released in between would look pending. A fresh statement sees that commit.
      const indexes = locked.rows.map((r) => r.row_index);
      const saved = await sql<{ row_index: number }>`
        select row_index from job_results
        where job_id = ${jobId} and row_index in (${sql.join(indexes)})`.execute(trx);
      const done = new Set(saved.rows.map((r) => r.row_index));
      const rows: PendingJobRow[] = [];
      for (const r of locked.rows) {
        if (!done.has(r.row_index)) rows.push({ rowIndex: r.row_index, text: r.text, passthrough: r.passthrough ?? null });
      }
      if (rows.length === 0) return STALE;
      return work(rows);
    });
  }
}
