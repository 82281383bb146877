import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from './simulate.js';

test('a short seeded run through the real service detects drift after the attack, retrains, recovers recall on the new tactics and promotes', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'warden-sim-'));
  const r = await simulate({ outDir, seed: 7, days: 30, attackDay: 12, perDay: 200 });
  assert.equal(r.attack_start_day, 12);
  assert.ok(r.drift_detected_day !== null && r.drift_detected_day >= r.attack_start_day, `drift day ${r.drift_detected_day}`);
  assert.deepEqual(r.false_alarm_days, []);
  assert.ok(r.timeline.slice(0, r.attack_start_day).every((d) => !d.drift_alert), 'no drift alert before the attack');
  assert.ok(r.retrain_day !== null && r.retrain_day > r.drift_detected_day!);
  assert.ok(r.candidate_recall_new_tactics !== null && r.candidate_recall_new_tactics > r.production_recall_new_tactics + 0.2,
    `recall ${r.production_recall_new_tactics} → ${r.candidate_recall_new_tactics}`);
  // The paired holdout is ~1000 rows, so the recall jump is a real McNemar result, not 2 vs 3 pairs.
  assert.ok(r.mcnemar !== null && r.mcnemar.holdout_rows > 500);
  assert.ok(r.mcnemar.candidate_only_correct > 5 * Math.max(1, r.mcnemar.production_only_correct));
  assert.ok(r.mcnemar_p_value !== null && r.mcnemar_p_value < 0.05, `p ${r.mcnemar_p_value}`);
  // Shadow disagreements come from the stored shadow scores; the canary guard never fires on the better model.
  assert.ok(r.timeline.some((d) => (d.shadowed ?? 0) > 0 && (d.shadow_disagreements ?? 0) > 0));
  assert.ok(r.canary_guard_checks.length >= 2 && r.canary_guard_checks.every((c) => !c.rollback));
  assert.equal(r.rollback_day, null);
  assert.equal(r.promoted, true);
  assert.equal(r.timeline[r.timeline.length - 1].served_by, r.candidate_version);
  // Canary days split traffic between both versions, every prediction is stored.
  assert.ok(r.timeline.some((d) => Object.keys(d.served).length === 2));
  assert.equal(r.predictions_logged, 30 * 200);
  assert.equal(r.predictions_stored, 30 * 200);
  assert.equal(r.timeline.length, 30);
  // The deployment history carries simulated times: promotion on the promotion day.
  const promote = r.deployment_history.find((e) => e.action === 'promote' && e.alias === 'production');
  assert.ok(promote);
  assert.equal(promote.at.slice(0, 10), r.timeline[r.promotion_day!].date);
  assert.equal(promote.version, r.candidate_version);
  const md = await readFile(join(outDir, 'report.md'), 'utf8');
  assert.match(md, /drift detected \| day \d+/);
  const svg = await readFile(join(outDir, 'psi.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns/);
  assert.match(svg, /<path d="M/);
});
