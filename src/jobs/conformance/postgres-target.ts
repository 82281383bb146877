/**
 * The real PostgreSQL for job tests, each test in a fresh schema dropped at the end. Unreachable:
 * a skip locally, a failure in CI (CI must never pass by skipping the database it claims to test).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.WARDEN_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** null when PostgreSQL answers, else why not. */
export async function postgresProblem(): Promise<Error | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err as Error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a fresh schema with Kysely's two migration tables already in it, and returns its name.
 * Why: storage's migrateToLatest does not pass `migrationTableSchema`, and Kysely then looks
 * for its tables in ANY schema; while another test schema exists it finds them there, skips
 * creating them here, and the migration fails. Pre-creating them (with Kysely's own DDL) keeps
 * each test schema independent until storage fixes that.
 */
export async function freshSchema(): Promise<string> {
  const name = `warden_jobs_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`create schema ${name}`);
  } finally {
    await client.end();
  }
  return name;
}

export async function dropSchemas(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop schema if exists ${name} cascade`);
  } finally {
    await client.end();
  }
}
