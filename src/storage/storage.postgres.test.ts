import { after, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from './database.js';
import { runStorageSuite } from './conformance/run-storage-suite.js';

// The real PostgreSQL, isolated in a fresh schema dropped afterwards. Unreachable: a skip
// locally, a failure in CI (CI must never pass by skipping the database it claims to test).
const url = process.env.WARDEN_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warden_test_${randomBytes(6).toString('hex')}`;

async function reachable(): Promise<Error | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
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

const problem = await reachable();
if (problem === null) {
  runStorageSuite(`postgres (${schema})`, () => openDatabase({ kind: 'postgres', url, schema, poolSize: 4 }));
  after(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
} else if (process.env.CI) {
  test('postgres storage suite', () => {
    throw new Error(`PostgreSQL unreachable at ${url} and CI is set: ${problem.message}`);
  });
} else {
  test('postgres storage suite', { skip: `PostgreSQL unreachable at ${url} (${problem.message}); set WARDEN_TEST_DATABASE_URL` }, () => {});
}
