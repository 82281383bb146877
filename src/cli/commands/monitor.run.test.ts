import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { tinyModelDir } from '../../../test/support/tiny-model.js';
import { DEFAULT_MONITORING_CONFIG, renderAlertRules } from '../../monitoring/index.js';
import { records, sampleTraffic } from '../../monitoring/synthetic-traffic.test-support.js';
import { PredictionRepository } from '../../storage/index.js';
import { buildReference } from '../../training/reference.js';
import { UsageError, type Io } from '../command.js';
import { openRegistry } from '../context.js';
import { monitorCommand } from './monitor.js';

let dir: string;
const FROM = '2026-03-01T00:00:00Z';
const TO = '2026-03-03T00:00:00Z';

function io(env: NodeJS.ProcessEnv = {}): Io & { out(): string } {
  let text = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), env: { WARDEN_DATA_DIR: dir, ...env }, out: () => text };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warden-monitor-'));
  const open = await openRegistry(dir, {});
  try {
    const stable = sampleTraffic(2000, 2);
    const shifted = sampleTraffic(1000, 3, { threatRate: 0.6, scoreShift: 0.3 });
    await new PredictionRepository(open.database.db).insertMany([...records(stable.texts, stable.scores, new Date(FROM)), ...records(shifted.texts, shifted.scores, new Date('2026-03-02T00:00:00Z'))]);
  } finally {
    await open.close();
  }
});

test('warden monitor --json without a registered model: quality and performance, drift null', async () => {
  const x = io();
  assert.equal(await monitorCommand.run(['--json', '--from', FROM, '--to', TO], x), 0);
  const body = JSON.parse(x.out());
  assert.equal(body.drift, null);
  assert.equal(body.quality.overall.count, 3000);
  assert.equal(body.quality.windows.length, 2);
  assert.deepEqual(body.performance.versions, []);
  assert.deepEqual(body.alerts, []);
});

test('warden monitor with a model carrying a reference prints the shifted day in the act band', async () => {
  // The tiny model with a monitoring reference added to its manifest, registered as production.
  const modelDir = join(dir, 'model-with-reference');
  await cp(await tinyModelDir(), modelDir, { recursive: true });
  const ref = sampleTraffic(10_000, 1);
  const manifest = JSON.parse(await readFile(join(modelDir, 'manifest.json'), 'utf8'));
  manifest.reference = buildReference({ rawTexts: ref.texts, scores: ref.scores, rules: null });
  await writeFile(join(modelDir, 'manifest.json'), JSON.stringify(manifest));
  const open = await openRegistry(dir, {});
  try {
    await open.registry.register(modelDir, 'test');
  } finally {
    await open.close();
  }
  const text = io();
  assert.equal(await monitorCommand.run(['--from', FROM, '--to', TO], text), 0);
  const lines = text.out().split('\n');
  assert.match(text.out(), /reference: v1 \(10000 training rows\)/);
  const day2 = lines.find((l) => l.startsWith('2026-03-02T00:00:00.000Z'))!;
  assert.match(day2, /^\S+\s+1000\s+\d+\.\d{3}\s+act/);
  assert.match(lines.find((l) => l.startsWith('2026-03-01T00:00:00.000Z'))!, /\s2000\s+0\.0\d\d\s+stable/);
  assert.match(text.out(), /ALERT \[act\] score_drift: risk-score PSI/);
  const json = io();
  await monitorCommand.run(['--json', '--from', FROM, '--to', TO, '--window', 'hour'], json);
  const body = JSON.parse(json.out());
  assert.equal(body.drift.windows.length, 2);
  assert.equal(body.drift.windows[1].band, 'act');
});

test('warden monitor --alert-rules prints the rules for the configured thresholds', async () => {
  const x = io();
  assert.equal(await monitorCommand.run(['--alert-rules'], x), 0);
  assert.equal(x.out(), renderAlertRules(DEFAULT_MONITORING_CONFIG));
  const custom = io({ WARDEN_MONITOR_TPR_FLOOR: '0.8' });
  await monitorCommand.run(['--alert-rules'], custom);
  assert.match(custom.out(), /warden_monitoring_tpr < 0\.8 /);
});

test('warden monitor: usage and configuration errors', async () => {
  await assert.rejects(monitorCommand.run(['--window', 'week'], io()), UsageError);
  await assert.rejects(monitorCommand.run(['--from', 'yesterday'], io()), UsageError);
  await assert.rejects(monitorCommand.run(['extra'], io()), UsageError);
  await assert.rejects(monitorCommand.run(['--alert-rules'], io({ WARDEN_MONITOR_PSI_ACT: '0.05' })), { code: 'CONFIG_INVALID' });
  await assert.rejects(monitorCommand.run(['--alert-rules'], io({ WARDEN_MONITOR_ALPHA: 'lots' })), { code: 'CONFIG_INVALID' });
});
