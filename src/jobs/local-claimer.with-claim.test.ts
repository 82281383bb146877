import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobRepository, openDatabase } from '../storage/index.js';
import { LocalClaimer } from './local-claimer.js';

test('LocalClaimer: concurrent claims on one job get disjoint rows in order; released rows are claimable again', async () => {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const jobs = new JobRepository(database.db);
    const job = await jobs.create({ inputFormat: 'json' }, Array.from({ length: 10 }, (_, i) => ({ text: `t${i}` })));
    const claimer = new LocalClaimer(jobs);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: number[][] = [];
    const first = claimer.withClaim(job.id, 4, async (rows) => {
      seen.push(rows.map((r) => r.rowIndex));
      await gate;
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = await claimer.withClaim(job.id, 4, async (rows) => rows.map((r) => r.rowIndex));
    const third = await claimer.withClaim(job.id, 100, async (rows) => rows.map((r) => r.text));
    assert.deepEqual(seen, [[0, 1, 2, 3]]);
    assert.deepEqual(second, [4, 5, 6, 7]);
    assert.deepEqual(third, ['t4', 't5', 't6', 't7', 't8', 't9']);
    release();
    await first;
    // Nothing was saved, so every row is claimable again once released.
    assert.deepEqual(await claimer.withClaim(job.id, 3, async (rows) => rows.map((r) => r.rowIndex)), [0, 1, 2]);
    await jobs.saveResults(job.id, Array.from({ length: 10 }, (_, i) => ({ rowIndex: i, output: i })));
    assert.deepEqual(await claimer.withClaim(job.id, 3, async (rows) => rows.length), 0);
    await assert.rejects(claimer.withClaim(job.id, 0, async () => 0), /Invalid limit/);
  } finally {
    await database.close();
  }
});
