/**
 * How a runner takes a job's pending rows so that no other runner scores them at the same time.
 *
 * Choice: the claim is a lock on the input rows themselves, not a lease or a queue table.
 * - PostgreSQL ({@link RowLockClaimer}): `select … for no key update skip locked` inside a
 *   transaction that stays open while the chunk is scored and saved. Several workers and
 *   replicas each get disjoint rows; a worker that dies loses its connection and the server
 *   releases its locks at once, so there is no lease timeout to tune and no expiry sweep.
 * - PGlite ({@link LocalClaimer}): one process owns the data directory, so an in-process set of
 *   held rows is enough (PGlite has a single connection, so a held transaction would block the
 *   save). Runners sharing one PGlite database in one process must share one LocalClaimer.
 * pg-boss was considered: it would keep a second copy of every job in its own schema with its
 * own maintenance loop, and on PGlite its claim needs the same single connection we hold, so the
 * rows-as-locks design is smaller and behaves the same on both backends.
 * Saving stays exactly-once regardless: results are inserted with ON CONFLICT DO NOTHING.
 */
import type { Database, JobRepository, PendingJobRow } from '../storage/index.js';
import { LocalClaimer } from './local-claimer.js';
import { RowLockClaimer } from './row-lock-claimer.js';

export interface RowClaimer {
  /**
   * Runs `work` on up to `limit` rows of `jobId` that have no result and that no other claim
   * holds, in row order; the rows stay held until `work` settles. `work` gets [] when nothing
   * is claimable (all done, or all held elsewhere).
   */
  withClaim<T>(jobId: string, limit: number, work: (rows: PendingJobRow[]) => Promise<T>): Promise<T>;
}

/** The claimer that fits the database: row locks on PostgreSQL, an in-process set on PGlite. */
export function claimerFor(database: Database, jobs: JobRepository): RowClaimer {
  return database.kind === 'postgres' ? new RowLockClaimer(database.db) : new LocalClaimer(jobs);
}
