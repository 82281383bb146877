import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/package-info.js';
import { tinyTrainingFile } from '../support/tiny-model.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'warden.js');
let dataDir: string;
let trainFile: string;
let work: string;

function warden(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_ACTOR: 'cli-test' }, input, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'warden-cli-'));
  dataDir = join(work, 'var');
  trainFile = await tinyTrainingFile();
});

test('train --json on a CSV: grouped split, CV, test figures, registered as v1 production', async () => {
  const r = warden(['train', '--data', trainFile, '--json', '--folds', '3', '--rules', 'off', '--out', join(work, 'model')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, 'v1');
  assert.deepEqual(s.aliases, ['production']);
  assert.equal(s.split.method, 'grouped-stratified');
  assert.equal(s.split.trainRows + s.split.testRows, s.rows);
  assert.ok(s.test.f1 > 0.8, `test F1 ${s.test.f1}`);
  assert.ok(s.threshold > 0 && s.threshold < 1);
  assert.match(s.data_fingerprint, /^[0-9a-f]{64}$/);
  assert.ok(s.candidates.length >= 3);
  const manifest = JSON.parse(await readFile(join(work, 'model', 'manifest.json'), 'utf8'));
  assert.equal(manifest.format, 'warden-model');
  assert.equal(manifest.pipeline.learner.type, s.candidates.sort((a: { pr_auc: number }, b: { pr_auc: number }) => b.pr_auc - a.pr_auc)[0].name.split('(')[0]);
});

test('eval --json reports the threat-class figures and per-class figures', async () => {
  const r = warden(['eval', '--model', 'v1', '--data', trainFile, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  for (const k of ['rows', 'threshold', 'precision', 'recall', 'f1', 'accuracy', 'roc_auc', 'pr_auc', 'confusion_matrix']) assert.ok(k in m, k);
  const cm = m.confusion_matrix;
  assert.equal(cm.tp + cm.fp + cm.tn + cm.fn, m.rows);
  assert.ok(m.per_class.phishing.support > 0);
  assert.ok(m.f1 > 0.9);
});

test('score streams TSV/JSONL into CSV with the id passed through and errors per row', async () => {
  const input = join(work, 'in.jsonl');
  await writeFile(input, [
    JSON.stringify({ id: 'a1', text: 'WINNER! Claim your £1000 prize, call 09061701461 now' }),
    JSON.stringify({ id: 'a2', text: 'See you at the pub at 8?' }),
    JSON.stringify({ id: 'a3', text: '=HYPERLINK("http://evil.com")' }),
  ].join('\n'));
  const out = join(work, 'out.csv');
  const r = warden(['score', '--in', input, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /scored 3 rows/);
  const lines = (await readFile(out, 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'text,id,risk_score,is_threat,label,model_version,error');
  assert.match(lines[1], /,a1,0\.\d+,true,(spam|phishing),v1,$/);
  assert.match(lines[2], /,a2,0\.\d+,false,benign,v1,$/);
  assert.ok(lines[3].startsWith(`"'=HYPERLINK(`), `formula not neutralised: ${lines[3]}`);
});

test('models list / promote / rollback / history, each change audited', async () => {
  const r2 = warden(['train', '--data', trainFile, '--json', '--folds', '3', '--rules', 'off', '--seed', '7']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(JSON.parse(r2.stdout).aliases, ['candidate']);
  const list = JSON.parse(warden(['models', 'list', '--json']).stdout);
  assert.deepEqual(list.map((e: { version: string; aliases: string[] }) => [e.version, e.aliases]), [['v1', ['production']], ['v2', ['candidate']]]);
  assert.equal(warden(['models', 'promote', 'v2']).code, 0);
  const show = JSON.parse(warden(['models', 'show', 'production', '--json']).stdout);
  assert.equal(show.version, 'v2');
  const rb = JSON.parse(warden(['models', 'rollback', '--json', '--reason', 'test']).stdout);
  assert.deepEqual([rb.from, rb.to], ['v2', 'v1']);
  const history = JSON.parse(warden(['models', 'history', '--json']).stdout);
  assert.ok(history.every((e: { actor: string }) => e.actor === 'cli-test'));
  assert.deepEqual(history.filter((e: { alias: string }) => e.alias === 'production').map((e: { action: string }) => e.action), ['alias', 'promote', 'rollback']);
  const bad = warden(['models', 'promote', 'v9']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /no model version v9.*\[MODEL_NOT_FOUND\]/);
});

test('tag and triage --json print the documented shapes', () => {
  const text = 'Your Lloyds account is locked. Confirm your PIN at http://bit.ly/x within 24 hours';
  const tag = JSON.parse(warden(['tag', '--json', text]).stdout);
  assert.ok(tag.tags.some((t: { tag: string }) => t.tag === 'short_url'));
  const r = warden(['triage', '--json', text]);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout);
  for (const k of ['risk_score', 'label', 'severity', 'action', 'tags', 'indicators', 'top_features', 'summary', 'model_version']) assert.ok(k in v, k);
  assert.ok(['benign', 'spam', 'phishing'].includes(v.label));
  for (const t of v.tags) for (const s of t.spans) assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end);
  const many = JSON.parse(warden(['triage', '--json', 'hello there', 'FREE prize! txt WIN to 80086']).stdout);
  assert.equal(many.length, 2);
});
