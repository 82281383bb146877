import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS, staticMigrationProvider } from '../migrations/index.js';
import { PredictionRepository } from '../prediction-repository.js';
import { makePrediction } from './fixtures.js';
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
    for (const t of ['audit_log', 'feedback', 'job_results', 'job_rows', 'jobs', 'kysely_migration', 'prediction_segments', 'predictions']) {
      assert.ok(names.includes(t), `missing table ${t} in ${names.join(',')}`);
    }
    const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    assert.deepEqual(recorded.rows.map((r) => r.name), Object.keys(MIGRATIONS));
  });

  test('migrations: 0007 moves one-row-per-prediction history into segments exactly, and back down', async () => {
    const { db } = ctx.store();
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s;
    const migrator = new Migrator({ db, provider: staticMigrationProvider, migrationTableSchema: schema });
    const down = await migrator.migrateTo('0006-cheaper-prediction-indexes');
    assert.equal(down.error, undefined);
    try {
      // 2,345 rows in the old table (three segments after the move), with awkward values.
      const base = Date.parse('2025-06-01T00:00:00.000Z');
      const rows = Array.from({ length: 2345 }, (_, i) =>
        makePrediction({ createdAt: new Date(base + i * 997), text: i % 7 === 0 ? null : `row ${i} "quoted" \\ tab\t😀`, riskScore: i / 2344, tags: i % 3 ? ['link_present'] : [], shadowScore: i % 5 ? null : 1 / 3 }),
      );
      for (const r of rows) {
        await sql`insert into predictions (id, created_at, text, text_sha256, text_length, risk_score, label, is_threat, threshold, model_version, tags, latency_us, source, client, shadow_version, shadow_score)
          values (${r.id}, ${r.createdAt}, ${r.text}, ${r.textSha256}, ${r.textLength}, ${r.riskScore}, ${r.label}, ${r.isThreat}, ${r.threshold}, ${r.modelVersion}, ${JSON.stringify(r.tags)}::jsonb, ${r.latencyUs}, ${r.source}, ${r.client}, ${r.shadowVersion}, ${r.shadowScore})`.execute(db);
      }
      await sql`insert into feedback (id, prediction_id, text_sha256, label) values ('fb-1', ${rows[10].id}, ${rows[10].textSha256}, 'spam')`.execute(db);
      const up = await migrateToLatest(db);
      assert.deepEqual(up.applied, ['0007-prediction-segments']);
      const repo = new PredictionRepository(db);
      for (const i of [0, 1, 7, 999, 1000, 1001, 2344]) assert.deepEqual(await repo.get(rows[i].id), rows[i], `row ${i}`);
      const { rows: segments } = await sql<{ n: number }>`select n from prediction_segments order by from_at`.execute(db);
      assert.deepEqual(segments.map((s) => s.n), [1000, 1000, 345]);
      const page = await repo.list({ hasFeedback: true }, { limit: 10 });
      assert.deepEqual(page.items.map((p) => p.id), [rows[10].id]);
      // And down again: the rows come back as one row each.
      const back = await migrator.migrateTo('0006-cheaper-prediction-indexes');
      assert.equal(back.error, undefined);
      const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from predictions`.execute(db);
      assert.equal(count[0].n, 2345);
    } finally {
      await sql`truncate predictions, feedback`.execute(db).catch(() => {});
      await migrateToLatest(db);
    }
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
