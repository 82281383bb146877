/**
 * The real PostgreSQL of the test suites (127.0.0.1:5432, database `test`, or
 * WARDEN_TEST_DATABASE_URL): reachability, isolated schemas, and the one rule for when it is
 * down — a skip locally, a failing test in CI (CI must never pass by skipping the database it
 * claims to test).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
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

/** Stands in for a suite whose PostgreSQL is unreachable: fails under CI, skips otherwise. */
export function postgresUnreachable(name: string, problem: Error): void {
  if (process.env.CI) {
    test(name, () => {
      assert.fail(`PostgreSQL unreachable at ${POSTGRES_URL} and CI is set: ${problem.message}`);
    });
  } else {
    test(name, { skip: `PostgreSQL unreachable at ${POSTGRES_URL} (${problem.message}); set WARDEN_TEST_DATABASE_URL` }, () => {});
  }
}

/** A fresh schema name (the database layer creates it and migrates into it). */
export function schemaName(prefix = 'warden_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Creates a fresh, empty schema and returns its name. */
export async function freshSchema(prefix = 'warden_test'): Promise<string> {
  const name = schemaName(prefix);
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
