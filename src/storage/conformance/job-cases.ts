import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../errors.js';
import { JobRepository, type JobResultRecord } from '../job-repository.js';
import type { SuiteContext } from './run-storage-suite.js';
import { makePrediction } from './fixtures.js';

const code = (c: string) => (err: unknown) => isWardenError(err) && err.code === c;

async function collect(it: AsyncIterable<JobResultRecord>): Promise<JobResultRecord[]> {
  const out: JobResultRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

export function jobCases(ctx: SuiteContext): void {
  test('jobs: create stores the job and all 2,345 rows in one go; pending rows come in row order', async () => {
    const repo = new JobRepository(ctx.store().db);
    const rows = Array.from({ length: 2345 }, (_, i) => ({ text: `row ${i}`, passthrough: i % 2 ? { ref: i } : null }));
    const job = await repo.create({ inputFormat: 'csv', options: { storeText: false }, modelVersion: 'v1' }, rows);
    assert.equal(job.state, 'queued');
    assert.equal(job.totalRows, 2345);
    assert.equal(job.doneRows, 0);
    assert.deepEqual(job.options, { storeText: false });
    assert.deepEqual(await repo.get(job.id), job);
    const pending = await repo.nextPendingRows(job.id, 3);
    assert.deepEqual(pending, [
      { rowIndex: 0, text: 'row 0', passthrough: null },
      { rowIndex: 1, text: 'row 1', passthrough: { ref: 1 } },
      { rowIndex: 2, text: 'row 2', passthrough: null },
    ]);
    assert.equal(await repo.get('missing'), null);
  });

  test('jobs: a chunk saved twice (worker killed and rerun) is recorded once; counts come from real rows', async () => {
    const repo = new JobRepository(ctx.store().db);
    const job = await repo.create({ inputFormat: 'jsonl' }, Array.from({ length: 25 }, (_, i) => ({ text: `t${i}` })));
    const chunk = (await repo.nextPendingRows(job.id, 10)).map((r) => ({
      rowIndex: r.rowIndex,
      ...(r.rowIndex === 3 ? { error: 'EMPTY_TEXT' } : { output: { score: r.rowIndex / 10 } }),
    }));
    const once = await repo.saveResults(job.id, chunk);
    assert.equal(once.doneRows, 10);
    assert.equal(once.errorCount, 1);
    const rerun = await repo.saveResults(job.id, chunk.map((r) => ({ rowIndex: r.rowIndex, output: { score: -1 } })));
    assert.equal(rerun.doneRows, 10);
    assert.equal(rerun.errorCount, 1);
    // Overlapping chunk: rows 5..14, half new.
    const overlap = await repo.saveResults(job.id, Array.from({ length: 10 }, (_, i) => ({ rowIndex: 5 + i, output: { score: 9 } })));
    assert.equal(overlap.doneRows, 15);
    assert.deepEqual((await repo.nextPendingRows(job.id, 100)).map((r) => r.rowIndex), Array.from({ length: 10 }, (_, i) => 15 + i));
    const results = await collect(repo.results(job.id, 4));
    assert.deepEqual(results.map((r) => r.rowIndex), Array.from({ length: 15 }, (_, i) => i));
    assert.deepEqual(results[2], { rowIndex: 2, text: 't2', passthrough: null, output: { score: 0.2 }, error: null });
    assert.deepEqual(results[3], { rowIndex: 3, text: 't3', passthrough: null, output: null, error: 'EMPTY_TEXT' });
    assert.deepEqual(results[12].output, { score: 9 }, 'first write wins for new rows too');
    await assert.rejects(repo.saveResults('missing', [{ rowIndex: 0, output: 1 }]), code('JOB_NOT_FOUND'));
    await assert.rejects(repo.saveResults(job.id, [{ rowIndex: 24, output: 1 }, { rowIndex: 25, output: 1 }]), code('INVALID_INPUT'));
    await assert.rejects(repo.saveResults(job.id, [{ rowIndex: -1, output: 1 }]), code('INVALID_INPUT'));
    assert.equal((await repo.get(job.id))?.doneRows, 15, 'a rejected save stores nothing');
    assert.equal((await repo.saveResults(job.id, [])).doneRows, 15);
  });

  test('jobs: a result saved with its history record stores that record once, in the same transaction', async () => {
    const repo = new JobRepository(ctx.store().db);
    const job = await repo.create({ inputFormat: 'jsonl' }, Array.from({ length: 6 }, (_, i) => ({ text: `history ${i}` })));
    const source = `job-${job.id}`;
    const scored = (rows: number[]) => rows.map((i) => ({ rowIndex: i, output: { score: i }, prediction: makePrediction({ text: `history ${i}`, source }) }));
    const history = async () => (await ctx.store().executeSql(`select text from predictions where source = $1 order by text`, [source])).rows.map((r: { text: string }) => r.text);
    await repo.saveResults(job.id, scored([0, 1, 2]));
    assert.deepEqual(await history(), ['history 0', 'history 1', 'history 2']);
    // Rows 1–4 scored again (a rerun chunk, new record ids): only the rows saved now join the history.
    await repo.saveResults(job.id, scored([1, 2, 3, 4]));
    assert.deepEqual(await history(), ['history 0', 'history 1', 'history 2', 'history 3', 'history 4']);
    // A save that fails (row out of range) rolls its history records back with it.
    await assert.rejects(repo.saveResults(job.id, [...scored([5]), { rowIndex: 99, output: 1 }]), code('INVALID_INPUT'));
    assert.deepEqual(await history(), ['history 0', 'history 1', 'history 2', 'history 3', 'history 4']);
  });

  test('jobs: results pages through thousands of rows in order without gaps', async () => {
    const repo = new JobRepository(ctx.store().db);
    async function* source() {
      for (let i = 0; i < 3001; i++) yield { text: `line ${i}` };
    }
    const job = await repo.create({ inputFormat: 'txt' }, source());
    assert.equal(job.totalRows, 3001);
    for (;;) {
      const pending = await repo.nextPendingRows(job.id, 700);
      if (pending.length === 0) break;
      await repo.saveResults(job.id, pending.map((r) => ({ rowIndex: r.rowIndex, output: r.rowIndex * 2 })));
    }
    let expected = 0;
    for await (const r of repo.results(job.id, 1000)) {
      assert.equal(r.rowIndex, expected);
      assert.equal(r.output, expected * 2);
      expected++;
    }
    assert.equal(expected, 3001);
    assert.equal((await repo.get(job.id))?.doneRows, 3001);
  });

  test('jobs: markState moves state, guards with from, and reports unknown jobs', async () => {
    const repo = new JobRepository(ctx.store().db);
    const job = await repo.create({ inputFormat: 'csv' }, []);
    assert.equal(job.totalRows, 0);
    assert.deepEqual(await collect(repo.results(job.id)), []);
    const claimed = await repo.markState(job.id, 'running', { from: ['queued'] });
    assert.equal(claimed?.state, 'running');
    assert.equal(await repo.markState(job.id, 'running', { from: ['queued'] }), null, 'second claim loses');
    const failed = await repo.markState(job.id, 'failed', { error: 'model vanished' });
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.error, 'model vanished');
    assert.ok(failed!.updatedAt.getTime() >= job.createdAt.getTime());
    await assert.rejects(repo.markState('missing', 'done'), code('JOB_NOT_FOUND'));
    await assert.rejects(repo.nextPendingRows(job.id, 0), code('INVALID_INPUT'));
  });

  test('jobs: a row without text rolls back the whole job', async () => {
    const repo = new JobRepository(ctx.store().db);
    const rows = [{ text: 'ok' }, { text: undefined as unknown as string }];
    await assert.rejects(repo.create({ id: 'job-bad', inputFormat: 'csv' }, rows), code('INVALID_INPUT'));
    assert.equal(await repo.get('job-bad'), null);
    const { rows: left } = await ctx.store().executeSql('select count(*)::int as n from job_rows');
    assert.equal(left[0].n, 0);
  });
}
