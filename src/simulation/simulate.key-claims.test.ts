import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from './simulate.js';

test('a short seeded run detects drift after the attack, retrains, recovers recall on the new tactics and promotes', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'warden-sim-'));
  const r = await simulate({ outDir, seed: 7, days: 30, attackDay: 12, perDay: 150 });
  assert.equal(r.attack_start_day, 12);
  assert.ok(r.drift_detected_day !== null && r.drift_detected_day > r.attack_start_day, `drift day ${r.drift_detected_day}`);
  assert.ok(r.timeline.slice(0, r.attack_start_day).every((d) => d.psi_band === 'stable' || d.psi_band === 'no_data'), 'no alert before the attack');
  assert.ok(r.retrain_day !== null && r.retrain_day > r.drift_detected_day!);
  assert.ok(r.candidate_recall_new_tactics !== null && r.candidate_recall_new_tactics > r.production_recall_new_tactics + 0.2,
    `recall ${r.production_recall_new_tactics} → ${r.candidate_recall_new_tactics}`);
  assert.ok(r.mcnemar_p_value !== null && r.mcnemar_p_value >= 0 && r.mcnemar_p_value <= 1);
  assert.equal(r.promoted, true);
  assert.equal(r.timeline[r.timeline.length - 1].served_by, r.candidate_version);
  assert.equal(r.predictions_logged, 30 * 150);
  assert.equal(r.timeline.length, 30);
  const md = await readFile(join(outDir, 'report.md'), 'utf8');
  assert.match(md, /drift detected \| day \d+/);
  const svg = await readFile(join(outDir, 'psi.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns/);
  assert.match(svg, /<path d="M/);
});
