import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { tinyModelDir, tinyTrainingFile } from '../../test/support/tiny-model.js';
import { dbRegistryAt } from '../registry/db-registry.js';
import { FeedbackRepository, ModelRegistryRepository, openDatabase } from '../storage/index.js';
import { RetrainJob } from './retrain-job.js';

test('RetrainJob: one run at a time, registers the candidate with its lineage (parent, feedback ids), survives a failed run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-retrain-job-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const registry = dbRegistryAt(new ModelRegistryRepository(database.db), dir);
    await registry.register(await tinyModelDir(), 'test');
    const feedback = new FeedbackRepository(database.db);
    const lures = ['Your pension pot is unlocked, book a free review at pension-review dot co', 'Council tax rebate approved, reply YES with your sort code', 'Parcel fee unpaid: reply with card number to release it'];
    for (const text of lures) await feedback.add({ text, label: 'phishing' });
    await feedback.add({ text: 'See you at the station at six', label: 'benign' });

    // Without the base model's training file the run fails (BAD_DATA) and the job stays usable.
    const broken = new RetrainJob({ registry, feedback, outRoot: join(dir, 'broken'), options: { dataPaths: ['/nowhere/else.csv'] } });
    await assert.rejects(broken.trigger('ops'), (e: Error & { code?: string }) => e.code === 'BAD_DATA');
    assert.equal(broken.state.status, 'idle');
    assert.match(broken.state.lastError ?? '', /not among the data files/);
    await assert.rejects(broken.trigger(''), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');

    const job = new RetrainJob({ registry, feedback, outRoot: join(dir, 'runs'), options: { dataPaths: [await tinyTrainingFile()], seed: 3, bootstrapResamples: 50 } });
    const a = job.trigger('ops', ['4 new labels']);
    const b = job.trigger('someone-else');
    assert.equal(job.state.status, 'running');
    const [ra, rb] = await Promise.all([a, b]);
    assert.equal(ra, rb, 'a trigger during a run joins it');
    assert.equal(job.state.runs, 1);
    assert.equal(ra.version, 'v2');
    assert.deepEqual(ra.reasons, ['4 new labels']);
    assert.equal((await registry.aliases()).candidate, 'v2');
    assert.equal((await registry.aliases()).production, 'v1');
    const record = await registry.show('v2');
    assert.equal(record.parent, 'v1');
    assert.equal(record.feedback.count, 4);
    assert.equal(ra.report.data.feedbackUsed, 4);
    assert.deepEqual([...record.feedback.ids].sort(), [...ra.report.data.feedbackIds].sort());
    assert.equal(record.notes.retrainReport, ra.reportPaths.json);
    assert.equal(ra.report.candidate.version, 'v2');
    assert.equal(basename(ra.reportPaths.json), 'report.json');
    const onDisk = JSON.parse(await readFile(ra.reportPaths.json, 'utf8'));
    assert.equal(onDisk.candidate.version, 'v2');
    assert.ok(onDisk.comparison.rows > 50);
    assert.ok(onDisk.comparison.mcnemar.pValue >= 0 && onDisk.comparison.mcnemar.pValue <= 1);
    assert.equal(job.state.last?.version, 'v2');
    assert.equal(job.state.lastError, null);
  } finally {
    await database.close();
  }
});
