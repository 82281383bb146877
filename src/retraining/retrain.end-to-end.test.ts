import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupKey, loadDataset } from '../data/index.js';
import { FileRegistry } from '../registry/file-registry.js';
import { mcnemar } from '../statistics/index.js';
import type { FeedbackRecord } from '../storage/index.js';
import { newLures } from '../simulation/new-lures.js';
import { tinyModelDir, tinyTrainingFile } from '../../test/support/tiny-model.js';
import { retrain } from './retrain.js';

function feedback(text: string, label: string, i: number): FeedbackRecord {
  return { id: `fb${String(i).padStart(4, '0')}`, predictionId: null, textSha256: '', text, label, analyst: 'a', note: null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), supersededBy: null, isCurrent: true };
}

test('retrain: feedback on new lures gives a registered candidate that beats production on them, with a full report', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warden-retrain-'));
  const registry = new FileRegistry(join(root, 'registry'));
  const prod = await registry.register(await tinyModelDir(), 'test');
  const dataFile = await tinyTrainingFile();
  const base = await loadDataset([dataFile]);
  const benignText = base.rows.find((r) => r.label === 'benign')!.text;
  const lures = newLures(7, 160);
  const fb = [
    ...lures.map((t, i) => feedback(t, 'phishing', i)),
    feedback(benignText, 'spam', 500), // contradicts the base label: feedback wins
    feedback('no text stored', 'spam', 501),
  ];
  fb[fb.length - 1] = { ...fb[fb.length - 1], text: null };
  const outDir = join(root, 'run');
  const { report, reportPaths, candidateDir } = await retrain({ registry, feedback: fb, outDir, actor: 'analyst-1', dataPaths: [dataFile], seed: 5, bootstrapResamples: 300 });

  // lineage and registration
  assert.equal(report.production.version, prod.version);
  assert.equal(report.candidate.version, 'v2');
  assert.ok(report.candidate.aliases.includes('candidate'));
  assert.equal((await registry.aliases()).production, 'v1');
  const manifest = JSON.parse(await readFile(join(candidateDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.parent, 'v1');
  assert.equal(manifest.createdBy, 'analyst-1');
  assert.deepEqual(manifest.data.files.map((f: { path: string }) => f.path), ['base-train.jsonl', 'feedback-train.jsonl']);

  // data accounting
  assert.equal(report.data.baseFingerprintMatches, true);
  assert.equal(report.data.feedbackSkipped.noText, 1);
  assert.equal(report.data.contradicted, report.data.baseReplaced >= 1 ? report.data.contradicted : -1);
  assert.ok(report.data.contradicted >= 1);
  const lureGroups = new Set(lures.map(groupKey)).size;
  assert.equal(report.data.feedbackUsed, lureGroups + 1);
  assert.ok(report.split.holdoutFeedback > 10 && report.split.trainFeedback > 50, JSON.stringify(report.split));

  // no feedback group on both sides of the split
  const holdout = (await readFile(join(outDir, 'data', 'holdout.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).text as string);
  const trainFb = (await readFile(join(outDir, 'data', 'feedback-train.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).text as string);
  const holdoutKeys = new Set(holdout.map(groupKey));
  assert.equal(trainFb.filter((t) => holdoutKeys.has(groupKey(t))).length, 0);
  assert.equal(holdout.length, report.comparison.rows);

  // the comparison: same holdout, recall on the new lures recovered, McNemar consistent with its counts
  const sub = report.comparison.subsets.feedback;
  assert.ok(sub.rows === report.split.holdoutFeedback);
  assert.ok(sub.candidate.recall >= 0.95 && sub.candidate.recall > sub.production.recall + 0.1, `lure recall ${sub.production.recall} → ${sub.candidate.recall}`);
  const m = report.comparison.mcnemar;
  assert.equal(m.pValue, mcnemar(m.b, m.c).pValue);
  assert.ok(m.candidateOnlyCorrect > m.productionOnlyCorrect);
  const cm = report.comparison.candidate.confusion;
  assert.equal(cm.tp + cm.fp + cm.tn + cm.fn, report.comparison.rows);
  const rec = report.comparison.candidate.metrics.recall;
  assert.ok(Math.abs(rec.estimate - cm.tp / (cm.tp + cm.fn)) < 1e-12);
  assert.ok(rec.lower <= rec.estimate && rec.estimate <= rec.upper && rec.upper - rec.lower < 0.3);
  assert.equal(typeof report.guard.promotable, 'boolean');
  assert.equal(report.guard.checks.length, 2);

  // the report files
  assert.ok(existsSync(reportPaths.json));
  const md = await readFile(reportPaths.markdown, 'utf8');
  assert.match(md, /McNemar/);
  assert.match(md, /\| recall \|/);
  assert.match(md, /TP \| FN \| FP \| TN/);
});

test('retrain: a base file that cannot be found is a BAD_DATA error', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warden-retrain-'));
  const registry = new FileRegistry(join(root, 'registry'));
  await registry.register(await tinyModelDir(), 'test');
  await assert.rejects(retrain({ registry, feedback: [], outDir: join(root, 'run'), actor: 'a', dataPaths: ['/nowhere/other.csv'] }), { code: 'BAD_DATA' });
});
