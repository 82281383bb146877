import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { SuiteContext } from './run-storage-suite.js';

export function migrationCases(ctx: SuiteContext): void {
  test('migrations: a second run applies nothing and leaves every table in place', async () => {
    const { db } = ctx.store();
    const again = await migrateToLatest(db);
    assert.deepEqual(again.applied, []);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() order by table_name`.execute(db);
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ['audit_log', 'feedback', 'job_results', 'job_rows', 'jobs', 'kysely_migration', 'predictions']) {
      assert.ok(names.includes(t), `missing table ${t} in ${names.join(',')}`);
    }
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    assert.deepEqual(recorded.rows.map((r) => r.name), Object.keys(MIGRATIONS));
  });

  test('migrations: opening the same database again re-runs nothing and keeps rows', async (t) => {
    const first = ctx.store();
    if (first.kind === 'pglite') {
      t.skip('in-memory PGlite: each open is a new database (on-disk reopen has its own test)');
      return;
    }
    await first.executeSql(`insert into audit_log (id, actor, action) values ('m-1', 'test', 'kept')`);
    const second = await ctx.open();
    try {
      const { rows } = await second.executeSql('select count(*)::int as n from kysely_migration');
      assert.equal(rows[0].n, Object.keys(MIGRATIONS).length);
      const kept = await second.executeSql(`select action from audit_log where id = $1`, ['m-1']);
      assert.deepEqual(kept.rows, [{ action: 'kept' }]);
    } finally {
      await second.close();
    }
  });

  test('database: ping is true while open, executeSql binds parameters', async () => {
    const store = ctx.store();
    assert.equal(await store.ping(), true);
    const { rows } = await store.executeSql('select $1::int + $2::int as sum, $3::text as s', [2, 40, "o'k"]);
    assert.deepEqual(rows, [{ sum: 42, s: "o'k" }]);
  });

  test('database: ping is false after close, and close twice is harmless', async () => {
    const other = await ctx.open();
    await other.close();
    await other.close();
    assert.equal(await other.ping(), false);
  });
}
