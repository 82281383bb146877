/**
 * `warden simulate`: the improvement loop replayed end to end through the real service. A
 * production model is trained on part of the bundled data; the rest is daily traffic (the
 * training base rate) sent to POST /v1/score with the service's clock set to that day, so every
 * prediction lands in its day's monitoring window. From `attackDay` the attacker adapts (see
 * attack.ts). Each day the driver reads the service's own figures — drift from
 * /v1/monitoring/drift against the production model's stored reference, performance from
 * /v1/monitoring/performance — and analysts label the top alerts and a sample of the rest via
 * POST /v1/feedback. The drift alert opens a labelling campaign; the RetrainPolicy fires after
 * enough new labels and the RetrainJob builds and registers a candidate; both models are compared
 * on a large paired holdout (McNemar); the candidate shadows (POST /v1/rollout/shadow), goes to
 * canary 10% → 50% (POST /v1/rollout/canary, guard via POST /v1/rollout/guard each day) and is
 * promoted through POST /v1/rollout/promote.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { join } from 'node:path';
import { BUNDLED_DATASETS, createRng, groupedStratifiedSplit, groupIds, isThreat, loadDataset } from '../data/index.js';
import { loadDetector } from '../detector/load-detector.js';
import type { Detector } from '../detector/detector.js';
import { RetrainJob } from '../jobs/retrain-job.js';
import type { DeploymentEvent } from '../registry/model-registry.js';
import { RetrainPolicy, type GuardConfig, type GuardDecision } from '../retraining/index.js';
import { saveModel } from '../training/save-model.js';
import { train } from '../training/train.js';
import { createAttack } from './attack.js';
import { comparePaired, pairedHoldout } from './paired-holdout.js';
import { dayDrift, dayPerformance, shadowDisagreements } from './sim-monitor.js';
import { SimClock, simAuth, startSimService, type SimService } from './sim-service.js';
import { writeSimulationReport } from './sim-report.js';

export interface SimulateOptions {
  outDir: string;
  seed?: number;
  days?: number;
  /** Default: day 45% of the way through. */
  attackDay?: number;
  perDay?: number;
  /** Share of threats in the traffic (default: the production model's training base rate, so PSI is stable before the attack). */
  threatRate?: number;
  /** Share of threats that use the new tactics once the attack runs (default 0.9). */
  newTacticShare?: number;
  /** Labels needed after the drift alert before the policy retrains (default 2.5 days of labels). */
  labelsToRetrain?: number;
  psiThresholds?: { watch: number; act: number };
  alertFloors?: { tpr: number; fpr: number; precision: number };
  /** Promotion guard on the paired holdout (default: recall −0.01, FPR +0.01). */
  guard?: GuardConfig;
  onEvent?: (day: number, event: string) => void;
}

export interface SimDay {
  day: number;
  date: string;
  messages: number;
  threats: number;
  new_tactic: number;
  served_by: string;
  /** Predictions answered by each version that day (from the service's responses). */
  served: Record<string, number>;
  canary_share: number;
  /** Ground truth of the replayed traffic. */
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  /** From analyst labels, as GET /v1/monitoring/performance reports the day. */
  feedback_tpr: number | null;
  feedback_fpr: number | null;
  feedback_precision: number | null;
  psi: number;
  psi_band: string;
  /** The monitoring drift alert of the day's window. */
  drift_alert: boolean;
  feedback: number;
  shadow_disagreements: number | null;
  shadowed: number | null;
  events: string[];
}

export interface SimulationResult {
  seed: number;
  days: number;
  per_day: number;
  start_date: string;
  attack_start_day: number;
  drift_detected_day: number | null;
  /** Days before the attack on which the drift alert fired (false alarms). */
  false_alarm_days: number[];
  retrain_day: number | null;
  retrain_reasons: string[];
  promotion_day: number | null;
  rollback_day: number | null;
  production_version: string;
  candidate_version: string | null;
  production_recall_new_tactics: number;
  candidate_recall_new_tactics: number | null;
  mcnemar_p_value: number | null;
  mcnemar: { production_only_correct: number; candidate_only_correct: number; method: string; holdout_rows: number } | null;
  promoted: boolean;
  guard: GuardDecision | null;
  retrain_report_guard: GuardDecision | null;
  canary_guard_checks: { day: number; share: number; rollback: boolean; reasons: string[] }[];
  feedback_labels: number;
  predictions_logged: number;
  predictions_stored: number;
  deployment_history: { at: string; alias: string | null; version: string | null; share: number; action: string; reason: string | null }[];
  timeline: SimDay[];
  files: { report: string; plots: string[]; retrain_report: string | null };
  seconds: number;
}

const DAY_MS = 86_400_000;
/** A fixed simulated start (reproducible): every timestamp of the run is derived from it. */
const START = Date.UTC(2026, 0, 5);
/** Days pooled in each drift check (the monitoring range ending with the day). */
const DRIFT_SPAN_DAYS = 3;
const TOP_ALERTS = 15;
const MISS_SAMPLE = 25;
const SHADOW_DAYS = 2;
const CANARY_STEPS = [0.1, 0.5];
const DAYS_PER_STEP = 2;

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function recallOn(detector: Detector, texts: readonly string[]): number {
  let hit = 0;
  for (const t of texts) if (detector.score(t).isThreat) hit++;
  return texts.length === 0 ? 0 : hit / texts.length;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are read field by field
async function post(svc: SimService, url: string, role: 'admin' | 'analyst' | 'scorer', payload: unknown, expect = 200): Promise<any> {
  const res = await svc.app.inject({ method: 'POST', url, headers: simAuth(role), payload: payload as object });
  if (res.statusCode !== expect) throw new Error(`POST ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** Runs the simulation and writes report and plots under `outDir`. */
export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const seed = opts.seed ?? 7;
  const days = opts.days ?? 45;
  const attackDay = opts.attackDay ?? Math.round(days * 0.45);
  const perDay = opts.perDay ?? 200;
  const newTacticShare = opts.newTacticShare ?? 0.9;
  const bands = opts.psiThresholds ?? { watch: 0.1, act: 0.25 };
  const floors = opts.alertFloors ?? { tpr: 0.9, fpr: 0.05, precision: 0.75 };
  const labelsToRetrain = opts.labelsToRetrain ?? Math.round(2.5 * (TOP_ALERTS + MISS_SAMPLE));
  const emit = opts.onEvent ?? (() => {});
  const work = join(opts.outDir, 'work');
  await mkdir(work, { recursive: true });
  const rng = createRng(seed);

  // 1. History (production's training data) vs held-out pool (traffic, attack sources, evaluation).
  const dataset = await loadDataset(BUNDLED_DATASETS);
  const texts = dataset.rows.map((r) => r.text);
  const split = groupedStratifiedSplit(dataset.rows.map((r) => r.label), groupIds(texts), { testFraction: 0.4, seed });
  const historyPath = join(work, 'history.jsonl');
  await writeFile(historyPath, Array.from(split.train, (i) => JSON.stringify({ text: texts[i], label: dataset.rows[i].label })).join('\n') + '\n');
  let historyThreats = 0;
  for (const i of split.train) if (isThreat(dataset.rows[i].label)) historyThreats++;
  const threatRate = opts.threatRate ?? historyThreats / split.train.length;
  const benign: string[] = [];
  const benignEval: string[] = [];
  const threats: string[] = [];
  const threatEval: string[] = [];
  const sources: string[] = [];
  for (const i of split.test) {
    const u = rng();
    if (!isThreat(dataset.rows[i].label)) (u < 0.25 ? benignEval : benign).push(texts[i]);
    else (u < 0.4 ? threats : u < 0.8 ? sources : threatEval).push(texts[i]);
  }
  const trained = await train({ dataPaths: [historyPath], folds: 3, seed, ruleFeatures: false, candidates: [{ learner: { type: 'logreg', C: 10, classWeight: 'balanced' }, ruleFeatures: false }] });
  const prodDir = join(work, 'production-model');
  await saveModel(trained, prodDir);
  const attack = createAttack(seed, sources);
  // Held-out new-tactic messages: attack indices the traffic never reaches.
  const newTacticEval = Array.from({ length: 400 }, (_v, k) => attack.message(10_000_000 + k).text);
  const holdout = pairedHoldout(newTacticEval, threatEval, benignEval);

  const clock = new SimClock(new Date(START));
  const svc = await startSimService(join(work, 'service'), prodDir, clock);
  const policy = new RetrainPolicy({ minNewLabels: labelsToRetrain, driftBand: null, onPerformanceAlert: false, coolDownHours: 24 });
  const guardConfig = opts.guard ?? { maxRecallDrop: 0.01, maxFprRise: 0.01, maxPrecisionDrop: null, maxF1Drop: null };
  const job = new RetrainJob({
    registry: svc.registry,
    feedback: svc.deps.stores.feedback,
    outRoot: join(work, 'retrain'),
    options: { dataPaths: [historyPath], seed, bootstrapResamples: 300, evaluateOn: 'feedback', guard: guardConfig, now: clock.now },
  });
  const timeline: SimDay[] = [];
  const falseAlarms: number[] = [];
  const canaryChecks: SimulationResult['canary_guard_checks'] = [];
  let driftDay: number | null = null;
  let retrainDay: number | null = null;
  let retrainReasons: string[] = [];
  let promotionDay: number | null = null;
  let rollbackDay: number | null = null;
  let labelsSinceAlert = 0;
  let candidate: Detector | null = null;
  let candidateVersion: string | null = null;
  let paired: ReturnType<typeof comparePaired> | null = null;
  let retrainGuard: GuardDecision | null = null;
  let retrainReportPath: string | null = null;
  let phase: 'production' | 'shadow' | 'canary' | 'promoted' | 'rejected' | 'rolled-back' = 'production';
  let phaseDays = 0;
  let step = 0;
  let attackIndex = 0;
  let feedbackTotal = 0;
  let logged = 0;
  let stored = 0;
  let history: DeploymentEvent[] = [];
  const productionVersion = (await svc.registry.resolve('production')).version;
  try {
    for (let day = 0; day < days; day++) {
      const dayStart = new Date(START + day * DAY_MS);
      const events: string[] = [];
      const note = (e: string) => {
        events.push(e);
        emit(day, e);
      };
      if (day === attackDay) note('attacker adapts: new lures and rewritten threats');
      // 2. The day's traffic: stable base rate; new tactics after the attack starts.
      const nThreats = Math.round(perDay * threatRate);
      const msgs: { text: string; threat: boolean; newTactic: boolean }[] = [];
      for (let k = 0; k < perDay - nThreats; k++) msgs.push({ text: benign[Math.floor(rng() * benign.length)], threat: false, newTactic: false });
      for (let k = 0; k < nThreats; k++) {
        if (day >= attackDay && rng() < newTacticShare) msgs.push({ text: attack.message(attackIndex++).text, threat: true, newTactic: true });
        else msgs.push({ text: threats[Math.floor(rng() * threats.length)], threat: true, newTactic: false });
      }
      // 3. Score through the real service at 08:00 of the day; routing (canary, shadow) is the service's.
      clock.set(new Date(dayStart.getTime() + 8 * 3_600_000));
      const body = await post(svc, '/v1/score', 'scorer', { texts: msgs.map((m) => m.text) });
      const served = body.results as { id: string; risk_score: number; is_threat: boolean; model_version: string }[];
      logged += served.length;
      const servedBy: Record<string, number> = {};
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      msgs.forEach((m, k) => {
        servedBy[served[k].model_version] = (servedBy[served[k].model_version] ?? 0) + 1;
        if (m.threat) served[k].is_threat ? tp++ : fn++;
        else served[k].is_threat ? fp++ : tn++;
      });
      // 4. Analysts (at 18:00) label the top alerts and a sample of the rest.
      clock.set(new Date(dayStart.getTime() + 18 * 3_600_000));
      const order = Array.from(msgs.keys()).sort((a, b) => served[b].risk_score - served[a].risk_score || a - b);
      const reviewed = new Set(order.filter((k) => served[k].is_threat).slice(0, TOP_ALERTS));
      const rest = order.filter((k) => !served[k].is_threat);
      for (let s = 0; s < MISS_SAMPLE && rest.length > 0; s++) reviewed.add(rest[Math.floor(rng() * rest.length)]);
      for (const k of reviewed) {
        const label = msgs[k].threat ? (msgs[k].newTactic ? 'phishing' : 'spam') : 'benign';
        await post(svc, '/v1/feedback', 'analyst', { prediction_id: served[k].id, label }, 201);
      }
      feedbackTotal += reviewed.size;
      // 5. The service's own figures for the day.
      const drift = await dayDrift(svc, dayStart, Math.min(day + 1, DRIFT_SPAN_DAYS));
      const perf = await dayPerformance(svc, dayStart);
      // The alert: PSI in the act band, or a tag / numeric feature flagged by its test (Holm-corrected).
      // Not the OOV flag nor PSI 'watch': both sit above their thresholds on unchanged traffic (the
      // reference's OOV rate and out-of-fold scores are measured differently from live traffic).
      const alert = drift.band === 'act' || drift.flaggedTags.length > 0 || drift.flaggedFeatures.length > 0;
      if (alert && driftDay === null) {
        const what = [`PSI ${drift.psi.toFixed(3)} (${drift.band})`, ...drift.flaggedTags.map((t) => `tag ${t}`), ...drift.flaggedFeatures.map((f) => `feature ${f}`)].join(', ');
        if (day < attackDay) {
          falseAlarms.push(day);
          note(`false alarm: drift alert before the attack (${what})`);
        } else {
          driftDay = day;
          note(`drift alert from /v1/monitoring/drift: ${what}; labelling campaign opens`);
        }
      }
      if (driftDay !== null && day > driftDay) labelsSinceAlert += reviewed.size;
      // 6. Rollout: shadow disagreements from the stored shadow scores, the guard each canary day.
      clock.set(new Date(dayStart.getTime() + 20 * 3_600_000));
      let shadow: { shadowed: number; disagreements: number } | null = null;
      if (candidate && candidateVersion && (phase === 'shadow' || phase === 'canary')) shadow = await shadowDisagreements(svc, dayStart, candidateVersion, candidate.threshold);
      phaseDays++;
      if (phase === 'production' && driftDay !== null && retrainDay === null) {
        const decision = policy.shouldRetrain({ now: clock.now(), lastRetrainAt: null, newLabels: labelsSinceAlert, driftBand: drift.band, performanceAlert: false });
        if (decision.retrain) {
          const run = await job.trigger('simulation', [`drift alert on day ${driftDay}`, ...decision.reasons]);
          candidate = await loadDetector(run.candidateDir);
          candidateVersion = run.version;
          retrainReasons = run.reasons;
          retrainGuard = run.report.guard;
          retrainReportPath = run.reportPaths.markdown;
          paired = comparePaired(await loadDetector(prodDir), candidate, holdout, guardConfig, seed);
          retrainDay = day;
          note(`RetrainJob registered ${run.version} (${run.report.data.feedbackUsed} feedback rows; ${decision.reasons.join('; ')}); paired holdout of ${paired.comparison.rows}: McNemar p = ${paired.comparison.mcnemar.pValue.toPrecision(3)}, guard ${paired.guard.promotable ? 'passed' : 'failed'}`);
          if (paired.guard.promotable) {
            await post(svc, '/v1/rollout/shadow', 'admin', { version: run.version, reason: 'simulation: candidate from the retrain job' });
            phase = 'shadow';
            note(`${run.version} in shadow`);
          } else {
            phase = 'rejected';
            note(`candidate rejected: ${paired.guard.reasons.join('; ')}`);
          }
          phaseDays = 0;
        }
      } else if (phase === 'shadow' && phaseDays >= SHADOW_DAYS) {
        await post(svc, '/v1/rollout/canary', 'admin', { share: CANARY_STEPS[0], reason: 'simulation: shadow held' });
        phase = 'canary';
        step = 0;
        phaseDays = 0;
        note(`canary at ${CANARY_STEPS[0] * 100}%`);
      } else if (phase === 'canary') {
        const check = await post(svc, '/v1/rollout/guard', 'admin', {});
        canaryChecks.push({ day, share: CANARY_STEPS[step], rollback: check.rollback, reasons: check.reasons });
        if (check.rollback) {
          phase = 'rolled-back';
          rollbackDay = day;
          note(`automatic rollback: ${check.reasons.join('; ')}`);
        } else if (phaseDays >= DAYS_PER_STEP) {
          phaseDays = 0;
          if (++step < CANARY_STEPS.length) {
            await post(svc, '/v1/rollout/canary', 'admin', { share: CANARY_STEPS[step], reason: 'simulation: guard held' });
            note(`canary at ${CANARY_STEPS[step] * 100}%`);
          } else {
            await post(svc, '/v1/rollout/shadow', 'admin', { version: null, reason: 'simulation: promoting' });
            await post(svc, '/v1/rollout/promote', 'admin', { reason: 'simulation: guards held through shadow and canary' });
            phase = 'promoted';
            promotionDay = day;
            note(`promoted ${candidateVersion} to production`);
          }
        }
      }
      const routing = svc.deps.models.routing;
      timeline.push({
        day,
        date: dayStart.toISOString().slice(0, 10),
        messages: msgs.length,
        threats: nThreats,
        new_tactic: msgs.filter((m) => m.newTactic).length,
        served_by: Object.entries(servedBy).sort((a, b) => b[1] - a[1])[0][0],
        served: servedBy,
        canary_share: routing.candidate ? routing.canaryShare : phase === 'promoted' ? 1 : 0,
        tpr: ratio(tp, tp + fn),
        fpr: ratio(fp, fp + tn),
        precision: ratio(tp, tp + fp),
        feedback_tpr: perf.tpr,
        feedback_fpr: perf.fpr,
        feedback_precision: perf.precision,
        psi: Number.isFinite(drift.psi) ? drift.psi : 0,
        psi_band: drift.band,
        drift_alert: alert,
        feedback: reviewed.size,
        shadow_disagreements: shadow?.disagreements ?? null,
        shadowed: shadow?.shadowed ?? null,
        events,
      });
      const tpr = ratio(tp, tp + fn);
      if (tpr !== null && tpr < floors.tpr && day >= attackDay && phase !== 'promoted') events.push(`performance: TPR ${tpr.toFixed(3)} below ${floors.tpr}`);
    }
    await svc.deps.stores.writer.flush();
    const counted = await sql<{ n: number }>`select count(*)::int as n from predictions`.execute(svc.deps.stores.database.db);
    stored = counted.rows[0].n;
    history = await svc.registry.history();
  } finally {
    await svc.close();
  }
  const production = await loadDetector(prodDir);
  const mc = paired?.comparison.mcnemar ?? null;
  const result: SimulationResult = {
    seed,
    days,
    per_day: perDay,
    start_date: new Date(START).toISOString().slice(0, 10),
    attack_start_day: attackDay,
    drift_detected_day: driftDay,
    false_alarm_days: falseAlarms,
    retrain_day: retrainDay,
    retrain_reasons: retrainReasons,
    promotion_day: promotionDay,
    rollback_day: rollbackDay,
    production_version: productionVersion,
    candidate_version: candidateVersion,
    production_recall_new_tactics: recallOn(production, newTacticEval),
    candidate_recall_new_tactics: candidate ? recallOn(candidate, newTacticEval) : null,
    mcnemar_p_value: mc?.pValue ?? null,
    mcnemar: mc ? { production_only_correct: mc.productionOnlyCorrect, candidate_only_correct: mc.candidateOnlyCorrect, method: mc.method, holdout_rows: paired!.comparison.rows } : null,
    promoted: promotionDay !== null,
    guard: paired?.guard ?? null,
    retrain_report_guard: retrainGuard,
    canary_guard_checks: canaryChecks,
    feedback_labels: feedbackTotal,
    predictions_logged: logged,
    predictions_stored: stored,
    deployment_history: history.map((e) => ({ at: e.at, alias: e.alias, version: e.to, share: e.share, action: e.action, reason: e.reason ?? null })),
    timeline,
    files: { report: join(opts.outDir, 'report.md'), plots: [], retrain_report: retrainReportPath },
    seconds: 0,
  };
  result.files.plots = await writeSimulationReport(opts.outDir, result, { bands, floors });
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}
