import { Migrator, sql, type Kysely } from 'kysely';
import { wardenError } from '../errors.js';
import { staticMigrationProvider } from './migrations/index.js';

/** What a migration run did: the names applied now, in order (empty when already current). */
export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the schema to the latest migration. Safe to call on every start-up and from
 * several processes at once: Kysely's Migrator takes a Postgres advisory lock and skips
 * migrations already recorded in `kysely_migration`.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<MigrationReport> {
  schema ??= (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? 'public';
  // Name the schema of Kysely's own bookkeeping tables: without it Kysely looks them up in any
  // schema, and a second schema on the same server (tests, tenants) sees the first one's tables.
  const migrator = new Migrator({ db, provider: staticMigrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw wardenError('STORAGE_UNAVAILABLE', `Database migration ${failed} failed`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
