import type { JobRepository, PendingJobRow } from '../storage/index.js';
import type { RowClaimer } from './row-claimer.js';

/**
 * Claims within one process: the rows of each claim in flight are kept in a set, and a new
 * claim skips them. Right for PGlite, where only one process can open the database.
 */
export class LocalClaimer implements RowClaimer {
  readonly #jobs: JobRepository;
  readonly #held = new Map<string, Set<number>>();

  constructor(jobs: JobRepository) {
    this.#jobs = jobs;
  }

  async withClaim<T>(jobId: string, limit: number, work: (rows: PendingJobRow[]) => Promise<T>): Promise<T> {
    let held = this.#held.get(jobId);
    const pending = await this.#jobs.nextPendingRows(jobId, limit + (held?.size ?? 0));
    // Filtering and marking happen synchronously after the await, so two claims cannot interleave here.
    held = this.#held.get(jobId);
    if (!held) this.#held.set(jobId, (held = new Set()));
    const rows: PendingJobRow[] = [];
    for (const r of pending) {
      if (rows.length === limit) break;
      if (!held.has(r.rowIndex)) rows.push(r);
    }
    for (const r of rows) held.add(r.rowIndex);
    try {
      return await work(rows);
    } finally {
      for (const r of rows) held.delete(r.rowIndex);
      if (held.size === 0 && this.#held.get(jobId) === held) this.#held.delete(jobId);
    }
  }
}
