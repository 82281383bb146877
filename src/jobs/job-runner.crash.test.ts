import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobRepository, openDatabase, type DatabaseConfig } from '../storage/index.js';
import { createJobRunner } from './job-runner.js';
import { assertHistoryOnce, assertJobResults } from './conformance/runner-cases.js';
import { lengthScorer, makeTexts } from './conformance/length-scorer.js';
import { dropSchemas, freshSchema, POSTGRES_URL, postgresProblem } from '../../test/support/postgres.js';

const CHILD = fileURLToPath(new URL('./conformance/runner-child.js', import.meta.url));

/** Runs the child runner until it has saved at least `atLeast` rows, then SIGKILLs it. */
async function killChildAfter(db: DatabaseConfig, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ db, chunkSize: 10, delayMs: 5 })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let lastSaved = 0;
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('saved ')) lastSaved = Number(line.slice(6));
        if (lastSaved >= atLeast && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before being killed: ${stderr}`)));
  });
  assert.equal(await exited, 'SIGKILL');
  return lastSaved;
}

/** Opens with `config`, creates the job, kills a child runner mid-job, resumes with a fresh runner. */
async function crashAndResume(config: DatabaseConfig, closeWhileChildRuns: boolean): Promise<void> {
  const texts = makeTexts(400, 23);
  let database = await openDatabase(config);
  let jobs = new JobRepository(database.db);
  const job = await jobs.create({ inputFormat: 'json' }, texts.map((text) => ({ text })));
  if (closeWhileChildRuns) await database.close(); // PGlite: one process owns the directory
  const seenByChild = await killChildAfter(config, 100);
  if (closeWhileChildRuns) {
    database = await openDatabase(config);
    jobs = new JobRepository(database.db);
  }
  try {
    const atResume = await jobs.get(job.id);
    assert.equal(atResume?.state, 'running');
    assert.ok(atResume.doneRows >= seenByChild && atResume.doneRows < 400, `stopped mid-job (${atResume.doneRows} of 400 saved)`);
    const fresh = lengthScorer();
    const runner = createJobRunner({ jobs, database, score: fresh.score, chunkSize: 33 });
    // A killed PostgreSQL session can hold its row locks a moment longer; those rows are skipped until freed.
    for (let i = 0; i < 100 && (await jobs.get(job.id))?.state !== 'done'; i++) {
      await runner.runOnce();
      if ((await jobs.get(job.id))?.state !== 'done') await new Promise((r) => setTimeout(r, 50));
    }
    await assertJobResults(jobs, job.id, texts);
    await assertHistoryOnce(database, texts); // the killed runner's last chunk, scored but not saved, left no history row
    assert.equal(fresh.total(), 400 - atResume.doneRows, 'the fresh runner scores exactly the rows left');
    assert.ok([...fresh.counts.values()].every((c) => c === 1));
  } finally {
    await database.close();
  }
}

test('PGlite on disk: a runner process SIGKILLed mid-job is resumed by a fresh runner, every row exactly once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-jobs-crash-'));
  try {
    await crashAndResume({ kind: 'pglite', dataDir: join(dir, 'db') }, true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const problem = await postgresProblem();
test('PostgreSQL: a runner process SIGKILLed mid-job (holding row locks) is resumed by a fresh runner, every row exactly once', {
  skip: problem && !process.env.CI ? `PostgreSQL unreachable at ${POSTGRES_URL}` : false,
}, async () => {
  if (problem) throw new Error(`PostgreSQL unreachable at ${POSTGRES_URL} and CI is set: ${problem.message}`);
  const schema = await freshSchema('warden_jobs_test');
  try {
    await crashAndResume({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 }, false);
  } finally {
    await dropSchemas([schema]);
  }
});
