import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { tinyTrainingFile } from '../../../test/support/tiny-model.js';
import { FeedbackRepository } from '../../storage/index.js';
import { UsageError, type Io } from '../command.js';
import { openRegistry } from '../context.js';
import { retrainCommand } from './retrain.js';
import { trainCommand } from './train.js';

function io(dir: string): Io & { out(): string } {
  let text = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), env: { WARDEN_DATA_DIR: dir }, out: () => text };
}

test('warden train → feedback → warden retrain --json: a registered candidate with lineage and a comparison report', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-cli-retrain-'));
  const data = await tinyTrainingFile();
  assert.equal(await trainCommand.run(['--data', data, '--folds', '3', '--json'], io(dir)), 0);
  const open = await openRegistry(dir, {});
  try {
    const fb = new FeedbackRepository(open.database.db);
    await fb.add({ text: 'Your pension pot is unlocked, book a review at pension-check dot co today', label: 'phishing' });
    await fb.add({ text: 'Council tax rebate approved, reply with your sort code to receive it', label: 'phishing' });
    await fb.add({ text: 'Running ten minutes late, order me a coffee', label: 'benign' });
  } finally {
    await open.close();
  }
  const out = join(dir, 'retrain-out');
  const x = io(dir);
  assert.equal(await retrainCommand.run(['--json', '--data', data, '--out', out, '--seed', '5'], x), 0);
  const report = JSON.parse(x.out());
  assert.equal(report.production.version, 'v1');
  assert.equal(report.candidate.version, 'v2');
  assert.deepEqual(report.candidate.aliases, ['candidate']);
  assert.equal(report.data.feedbackUsed, 3);
  assert.equal(report.data.feedbackIds.length, 3);
  assert.equal(report.data.baseFingerprintMatches, true);
  assert.equal(report.split.testFraction, 0.2);
  assert.ok(report.comparison.rows > 100 && report.comparison.rows === report.split.holdoutRows, `holdout ${report.comparison.rows}`);
  for (const side of [report.comparison.production, report.comparison.candidate]) {
    const c = side.confusion;
    assert.equal(c.tp + c.fp + c.tn + c.fn, report.comparison.rows);
    assert.ok(side.metrics.recall.lower <= side.metrics.recall.estimate && side.metrics.recall.estimate <= side.metrics.recall.upper);
  }
  assert.ok(report.comparison.mcnemar.pValue >= 0 && report.comparison.mcnemar.pValue <= 1);
  assert.equal(typeof report.guard.promotable, 'boolean');
  const onDisk = JSON.parse(await readFile(join(out, 'run-1', 'report.json'), 'utf8'));
  assert.equal(onDisk.candidate.version, 'v2');
  assert.match(await readFile(join(out, 'run-1', 'report.md'), 'utf8'), /McNemar/i);
  // The registry knows the candidate's lineage.
  const check = await openRegistry(dir, {});
  try {
    const v2 = await check.registry.show('v2');
    assert.equal(v2.parent, 'v1');
    assert.equal(v2.feedback.count, 3);
  } finally {
    await check.close();
  }
  await assert.rejects(retrainCommand.run(['--test-fraction', '1.5'], io(dir)), UsageError);
});
