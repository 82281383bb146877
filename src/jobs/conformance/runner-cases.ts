/**
 * The job runner's behaviour, run against every backend (PGlite and PostgreSQL) by
 * job-runner.pglite.test.ts and job-runner.postgres.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError, wardenError } from '../../errors.js';
import { JobRepository, type Database } from '../../storage/index.js';
import { createJobRunner, type JobRunnerOptions } from '../job-runner.js';
import { LocalClaimer } from '../local-claimer.js';
import type { RowClaimer } from '../row-claimer.js';
import { expectedOutcome, lengthScorer, makeTexts } from './length-scorer.js';

export interface Backend {
  name: string;
  /** A fresh, empty database for one test. */
  open(): Promise<OpenedBackend>;
}

export interface OpenedBackend {
  database: Database;
  /** Opens a second, independent connection to the same database (another replica), or null when impossible. */
  replica: (() => Promise<Database>) | null;
}

/** Asserts the job is done and holds exactly one correct result per input text, in row order. */
export async function assertJobResults(jobs: JobRepository, jobId: string, texts: readonly string[]): Promise<void> {
  const job = await jobs.get(jobId);
  assert.ok(job);
  assert.equal(job.state, 'done');
  assert.equal(job.totalRows, texts.length);
  assert.equal(job.doneRows, texts.length);
  const expectedErrors = texts.filter((t) => t.trim().length === 0).length;
  assert.equal(job.errorCount, expectedErrors);
  let i = 0;
  for await (const r of jobs.results(jobId, 97)) {
    assert.equal(r.rowIndex, i);
    assert.equal(r.text, texts[i]);
    const want = expectedOutcome(texts[i]);
    assert.deepEqual(r.output, want.output ?? null);
    assert.equal(r.error, want.error ?? null);
    i++;
  }
  assert.equal(i, texts.length);
}

/**
 * Each scorable text of a job is in the prediction history exactly once (source `job`), even
 * when its chunk was scored twice. For a database holding this one job's texts only.
 */
export async function assertHistoryOnce(database: Database, texts: readonly string[]): Promise<void> {
  const { rows } = await database.executeSql(`select text, count(*)::int as n from predictions where source = 'job' group by text`);
  const scorable = texts.filter((t) => t.trim().length > 0);
  assert.equal(rows.length, scorable.length, 'one history row per scored text');
  const counts = new Map(rows.map((r: { text: string; n: number }) => [r.text, r.n]));
  for (const t of scorable) assert.equal(counts.get(t), 1, `history rows of ${JSON.stringify(t.slice(0, 20))}`);
}

export function runRunnerSuite(backend: Backend): void {
  describe(`job runner on ${backend.name}`, () => {
    async function withDb(fn: (database: Database, jobs: JobRepository, replica: OpenedBackend['replica']) => Promise<void>): Promise<void> {
      const { database, replica } = await backend.open();
      try {
        await fn(database, new JobRepository(database.db), replica);
      } finally {
        await database.close();
      }
    }

    const newJob = (jobs: JobRepository, texts: readonly string[]) =>
      jobs.create({ inputFormat: 'json' }, texts.map((text) => ({ text })));

    test('scores a 1,234-row job in chunks, every row once with its value, errors counted, then done', () =>
      withDb(async (database, jobs) => {
        const texts = makeTexts(1234, 50);
        const job = await newJob(jobs, texts);
        const scorer = lengthScorer();
        const seen: number[] = [];
        const runner = createJobRunner({ jobs, database, score: scorer.score, chunkSize: 100, onRows: (n) => seen.push(n) });
        assert.equal(await runner.runOnce(), 1234);
        await assertJobResults(jobs, job.id, texts);
        await assertHistoryOnce(database, texts);
        assert.deepEqual(seen, [...Array(12).fill(100), 34]);
        assert.equal(scorer.total(), 1234);
        assert.ok([...scorer.counts.values()].every((c) => c === 1));
        assert.equal(await runner.runOnce(), 0, 'a done job is not worked again');
      }));

    test('a runner stopped mid-job leaves partial progress; a fresh runner finishes it without rescoring a row', () =>
      withDb(async (database, jobs) => {
        const texts = makeTexts(600, 37);
        const job = await newJob(jobs, texts);
        const first = lengthScorer();
        let chunks = 0;
        const runner = createJobRunner({
          jobs,
          database,
          score: first.score,
          chunkSize: 50,
          onRows: () => {
            if (++chunks === 3) void runner.stop();
          },
        });
        await runner.runOnce();
        const partial = await jobs.get(job.id);
        assert.equal(partial?.state, 'running');
        assert.equal(partial?.doneRows, 150);
        const second = lengthScorer();
        const fresh = createJobRunner({ jobs, database, score: second.score, chunkSize: 64 });
        assert.equal(await fresh.runOnce(), 450);
        await assertJobResults(jobs, job.id, texts);
        for (const t of texts) assert.equal((first.counts.get(t) ?? 0) + (second.counts.get(t) ?? 0), 1, `row ${JSON.stringify(t)}`);
      }));

    test('a scorer that throws fails its job with the message; the next job is still scored', () =>
      withDb(async (database, jobs) => {
        const bad = await newJob(jobs, ['poison', 'b']);
        const good = await newJob(jobs, ['fine']);
        const errors: string[] = [];
        const runner = createJobRunner({
          jobs,
          database,
          onError: (e) => errors.push(e.message),
          score: (texts) => {
            if (texts.includes('poison')) throw new Error('model exploded');
            return texts.map(expectedOutcome);
          },
        });
        assert.equal(await runner.runOnce(), 1);
        const failed = await jobs.get(bad.id);
        assert.equal(failed?.state, 'failed');
        assert.equal(failed?.error, 'scoring failed: model exploded');
        assert.equal(failed?.doneRows, 0);
        await assertJobResults(jobs, good.id, ['fine']);
        assert.deepEqual(errors, ['model exploded']);
        assert.equal(await runner.runOnce(), 0, 'a failed job is not retried');
      }));

    test('a scorer returning the wrong number of outcomes fails the job rather than misaligning rows', () =>
      withDb(async (database, jobs) => {
        const job = await newJob(jobs, ['a', 'b', 'c']);
        const runner = createJobRunner({ jobs, database, score: (texts) => texts.slice(1).map(expectedOutcome) });
        await runner.runOnce();
        const after = await jobs.get(job.id);
        assert.equal(after?.state, 'failed');
        assert.equal(after?.error, 'scoring failed: the scorer returned 2 outcomes for 3 texts');
        assert.equal(after?.doneRows, 0);
      }));

    test('NO_MODEL leaves the job waiting (not failed); it completes once a model is there', () =>
      withDb(async (database, jobs) => {
        const texts = ['one', 'two', ' '];
        const job = await newJob(jobs, texts);
        let loaded = false;
        const errors: string[] = [];
        const runner = createJobRunner({
          jobs,
          database,
          onError: (e) => errors.push(isWardenError(e) ? e.code : e.message),
          score: (t) => {
            if (!loaded) throw wardenError('NO_MODEL', 'no model is loaded yet');
            return t.map(expectedOutcome);
          },
        });
        assert.equal(await runner.runOnce(), 0);
        assert.equal((await jobs.get(job.id))?.state, 'running');
        assert.deepEqual(errors, ['NO_MODEL']);
        loaded = true;
        assert.equal(await runner.runOnce(), 3);
        await assertJobResults(jobs, job.id, texts);
      }));

    test('an empty job is marked done with zero rows; queue depth reports the rows waiting', () =>
      withDb(async (database, jobs) => {
        const empty = await newJob(jobs, []);
        const other = await newJob(jobs, makeTexts(30));
        const depths: number[] = [];
        const runner = createJobRunner({ jobs, database, score: lengthScorer().score, chunkSize: 7, concurrency: 2, onQueueDepth: (d) => depths.push(d) });
        assert.equal(await runner.runOnce(), 30);
        assert.deepEqual(depths, [30]);
        const e = await jobs.get(empty.id);
        assert.equal(e?.state, 'done');
        assert.equal(e?.totalRows, 0);
        await assertJobResults(jobs, other.id, makeTexts(30));
        await runner.runOnce();
        assert.deepEqual(depths, [30, 0]);
      }));

    test('start() polls and notify() wakes it: a job created after start is done; stop() waits', () =>
      withDb(async (database, jobs) => {
        const scorer = lengthScorer();
        const runner = createJobRunner({ jobs, database, score: scorer.score, pollMs: 60_000, chunkSize: 40 });
        runner.start();
        const texts = makeTexts(120);
        const job = await newJob(jobs, texts);
        runner.notify();
        for (let i = 0; i < 500 && (await jobs.get(job.id))?.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
        await runner.stop();
        await assertJobResults(jobs, job.id, texts);
        assert.equal(scorer.total(), 120);
      }));

    test('bad options are CONFIG_INVALID', () =>
      withDb(async (database, jobs) => {
        const base: JobRunnerOptions = { jobs, database, score: lengthScorer().score };
        for (const bad of [{ chunkSize: 0 }, { chunkSize: 1.5 }, { concurrency: -1 }]) {
          assert.throws(() => createJobRunner({ ...base, ...bad }), (e) => isWardenError(e) && e.code === 'CONFIG_INVALID');
        }
        const off = createJobRunner({ ...base, concurrency: 0 });
        await newJob(jobs, ['x']);
        assert.equal(await off.runOnce(), 0);
      }));

    test('two runners working one job at once score each row exactly once', () =>
      withDb(async (database, jobs, openReplica) => {
        const replica = openReplica ? await openReplica() : null;
        try {
          const texts = makeTexts(800, 41);
          const job = await newJob(jobs, texts);
          const a = lengthScorer(3);
          const b = lengthScorer(3);
          // Two runners in one process on PGlite must share the claimer (one process owns the database).
          const shared: RowClaimer | undefined = replica ? undefined : new LocalClaimer(jobs);
          const other = replica ? new JobRepository(replica.db) : jobs;
          const ra = createJobRunner({ jobs, database, score: a.score, chunkSize: 25, claimer: shared });
          const rb = createJobRunner({ jobs: other, database: replica ?? database, score: b.score, chunkSize: 25, claimer: shared });
          const [na, nb] = await Promise.all([ra.runOnce(), rb.runOnce()]);
          assert.equal(na + nb, 800);
          assert.ok(na > 0 && nb > 0, `both runners took rows (${na} + ${nb})`);
          for (const t of texts) assert.equal((a.counts.get(t) ?? 0) + (b.counts.get(t) ?? 0), 1);
          await assertJobResults(jobs, job.id, texts);
        } finally {
          await replica?.close();
        }
      }));
  });
}
