/**
 * `warden simulate`: the improvement loop replayed end to end. A production model is trained on
 * part of the bundled data; the rest is daily traffic (stable base rate) sent through the real
 * service (`app.inject` → scoring path → prediction log on PGlite). From `attackDay` the attacker
 * adapts (see attack.ts). Analysts label the top alerts and a sample of non-alerts through
 * POST /v1/feedback; score drift (PSI against the first week) raises the alert; the retrainer
 * builds a candidate from the feedback; it runs in shadow, then canary (stable hash of the text),
 * and is promoted through the admin API when the guards hold.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_DATASETS, createRng, groupedStratifiedSplit, groupIds, isThreat, loadDataset } from '../data/index.js';
import { loadDetector } from '../detector/load-detector.js';
import type { Detector } from '../detector/detector.js';
import { retrain, type GuardConfig, type RetrainReport } from '../retraining/index.js';
import { routeToCanary } from '../rollout/canary-assignment.js';
import { binCounts, psiBand, psiFromCounts, quantileSorted } from '../statistics/index.js';
import { saveModel } from '../training/save-model.js';
import { train } from '../training/train.js';
import { createAttack } from './attack.js';
import { simAuth, startSimService } from './sim-service.js';
import { writeSimulationReport } from './sim-report.js';

export interface SimulateOptions {
  outDir: string;
  seed?: number;
  days?: number;
  /** Default: day 55% of the way through. */
  attackDay?: number;
  perDay?: number;
  /** Share of threats in the traffic (default 0.15). */
  threatRate?: number;
  /** Share of threats that use the new tactics once the attack runs (default 0.7). */
  newTacticShare?: number;
  psiThresholds?: { watch: number; act: number };
  alertFloors?: { tpr: number; fpr: number; precision: number };
  /** Promotion guard (default: recall −0.02, FPR +0.02 — the feedback holdout has only a few hundred rows, so one error moves FPR by ~0.005). */
  guard?: GuardConfig;
  onEvent?: (day: number, event: string) => void;
}

export interface SimDay {
  day: number;
  messages: number;
  threats: number;
  new_tactic: number;
  served_by: string;
  canary_share: number;
  tpr: number | null;
  fpr: number | null;
  precision: number | null;
  psi: number;
  psi_band: string;
  feedback: number;
  shadow_disagreements: number | null;
  events: string[];
}

export interface SimulationResult {
  seed: number;
  days: number;
  per_day: number;
  attack_start_day: number;
  drift_detected_day: number | null;
  retrain_day: number | null;
  promotion_day: number | null;
  production_version: string;
  candidate_version: string | null;
  production_recall_new_tactics: number;
  candidate_recall_new_tactics: number | null;
  mcnemar_p_value: number | null;
  mcnemar: { production_only_correct: number; candidate_only_correct: number; method: string } | null;
  promoted: boolean;
  guard: RetrainReport['guard'] | null;
  feedback_labels: number;
  predictions_logged: number;
  timeline: SimDay[];
  files: { report: string; plots: string[]; retrain_report: string | null };
  seconds: number;
}

const REFERENCE_DAYS = 7;
const PSI_BINS = 20;
const PSI_WINDOW = 3;
/** Days of analyst labels collected after the alert before retraining. */
const LABEL_DAYS = 5;
const TOP_ALERTS = 15;
const MISS_SAMPLE = 25;

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function recallOn(detector: Detector, texts: readonly string[]): number {
  let hit = 0;
  for (const t of texts) if (detector.score(t).isThreat) hit++;
  return texts.length === 0 ? 0 : hit / texts.length;
}

/** Runs the simulation and writes report and plots under `outDir`. */
export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const seed = opts.seed ?? 7;
  const days = opts.days ?? 45;
  const attackDay = opts.attackDay ?? Math.round(days * 0.45);
  const perDay = opts.perDay ?? 200;
  const threatRate = opts.threatRate ?? 0.15;
  const newTacticShare = opts.newTacticShare ?? 0.9;
  const bands = opts.psiThresholds ?? { watch: 0.1, act: 0.25 };
  const floors = opts.alertFloors ?? { tpr: 0.9, fpr: 0.05, precision: 0.75 };
  const emit = opts.onEvent ?? (() => {});
  const work = join(opts.outDir, 'work');
  await mkdir(work, { recursive: true });
  const rng = createRng(seed);

  // 1. History (production's training data) vs held-out pool (traffic and attack sources).
  const dataset = await loadDataset(BUNDLED_DATASETS);
  const texts = dataset.rows.map((r) => r.text);
  const split = groupedStratifiedSplit(dataset.rows.map((r) => r.label), groupIds(texts), { testFraction: 0.4, seed });
  const historyPath = join(work, 'history.jsonl');
  await writeFile(historyPath, Array.from(split.train, (i) => JSON.stringify({ text: texts[i], label: dataset.rows[i].label })).join('\n') + '\n');
  const benign: string[] = [];
  const threats: string[] = [];
  const sources: string[] = [];
  for (const i of split.test) {
    if (!isThreat(dataset.rows[i].label)) benign.push(texts[i]);
    else (rng() < 0.5 ? threats : sources).push(texts[i]);
  }
  const trained = await train({ dataPaths: [historyPath], folds: 3, seed, ruleFeatures: false, candidates: [{ learner: { type: 'logreg', C: 10, classWeight: 'balanced' }, ruleFeatures: false }] });
  const prodDir = join(work, 'production-model');
  await saveModel(trained, prodDir);
  const attack = createAttack(seed, sources);
  // Held-out new-tactic messages for the recall figures: indices the traffic never uses.
  const newTacticEval = Array.from({ length: 400 }, (_v, k) => attack.message(10_000_000 + k).text);

  const svc = await startSimService(join(work, 'service'), prodDir);
  const timeline: SimDay[] = [];
  let edges: Float64Array | null = null;
  let reference: Float64Array | null = null;
  const refScores: number[] = [];
  const recent: Float64Array[] = [];
  let driftDay: number | null = null;
  let consecutive = 0;
  let retrainDay: number | null = null;
  let promotionDay: number | null = null;
  let report: RetrainReport | null = null;
  let retrainReportPath: string | null = null;
  let candidate: Detector | null = null;
  let canaryShare = 0;
  let phase: 'production' | 'shadow' | 'canary' | 'promoted' | 'rejected' = 'production';
  let phaseDays = 0;
  let attackIndex = 0;
  let feedbackTotal = 0;
  let logged = 0;
  const productionVersion = (await svc.registry.resolve('production')).version;
  try {
    for (let day = 0; day < days; day++) {
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
      // 3. Score through the real service; canary messages are answered by the candidate.
      const res = await svc.app.inject({ method: 'POST', url: '/v1/score', headers: simAuth('scorer'), payload: { texts: msgs.map((m) => m.text) } });
      if (res.statusCode !== 200) throw new Error(`scoring failed on day ${day}: ${res.statusCode} ${res.body}`);
      const served = (res.json() as { results: { id: string; risk_score: number; is_threat: boolean; model_version: string }[] }).results;
      logged += served.length;
      const scores = new Float64Array(msgs.length);
      const flagged = new Uint8Array(msgs.length);
      let disagreements = 0;
      for (let k = 0; k < msgs.length; k++) {
        scores[k] = served[k].risk_score;
        flagged[k] = served[k].is_threat ? 1 : 0;
        if (candidate && (phase === 'shadow' || phase === 'canary')) {
          const c = candidate.score(msgs[k].text);
          if (c.isThreat !== served[k].is_threat) disagreements++;
          if (phase === 'canary' && routeToCanary(msgs[k].text, canaryShare)) {
            scores[k] = c.riskScore;
            flagged[k] = c.isThreat ? 1 : 0;
          }
        }
      }
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      msgs.forEach((m, k) => (m.threat ? (flagged[k] ? tp++ : fn++) : flagged[k] ? fp++ : tn++));
      // 4. Score drift against the first week's distribution (decile bins).
      // A rolling window of PSI_WINDOW days keeps the sampling noise of PSI (≈ bins / n) well under the watch band.
      let psi = Number.NaN;
      if (day < REFERENCE_DAYS) refScores.push(...scores);
      else {
        if (!edges) {
          const sorted = Float64Array.from(refScores).sort();
          edges = Float64Array.from(new Set(Array.from({ length: PSI_BINS - 1 }, (_v, q) => quantileSorted(sorted, (q + 1) / PSI_BINS))));
          reference = binCounts(edges, sorted);
        }
        recent.push(binCounts(edges, scores));
        if (recent.length > PSI_WINDOW) recent.shift();
        const live = new Float64Array(reference!.length);
        for (const c of recent) for (let b = 0; b < live.length; b++) live[b] += c[b];
        // Judge only full windows: a one-day window at 100-odd messages is too noisy for the bands.
        if (recent.length === PSI_WINDOW) psi = psiFromCounts(reference!, live);
      }
      const band = psiBand(psi, bands);
      const tpr = ratio(tp, tp + fn);
      const alert = band !== 'stable' && band !== 'no_data';
      consecutive = alert ? consecutive + 1 : 0;
      if (driftDay === null && consecutive >= 2) {
        driftDay = day;
        note(`drift alert: ${PSI_WINDOW}-day PSI ${psi.toFixed(3)} (${band}) two days running`);
      }
      // 5. Analysts label the top alerts and a sample of the rest.
      const order = Array.from(msgs.keys()).sort((a, b) => scores[b] - scores[a]);
      const reviewed = new Set(order.filter((k) => flagged[k]).slice(0, TOP_ALERTS));
      const rest = order.filter((k) => !flagged[k]);
      for (let s = 0; s < MISS_SAMPLE && rest.length > 0; s++) reviewed.add(rest[Math.floor(rng() * rest.length)]);
      for (const k of reviewed) {
        const label = msgs[k].threat ? (msgs[k].newTactic ? 'phishing' : 'spam') : 'benign';
        const fb = await svc.app.inject({ method: 'POST', url: '/v1/feedback', headers: simAuth('analyst'), payload: { prediction_id: served[k].id, label } });
        if (fb.statusCode !== 201) throw new Error(`feedback failed on day ${day}: ${fb.statusCode} ${fb.body}`);
      }
      feedbackTotal += reviewed.size;
      // 6. Rollout state machine: retrain LABEL_DAYS after the alert, 2 days shadow, canary 10% → 50%, promote.
      phaseDays++;
      if (phase === 'production' && driftDay !== null && retrainDay === null && day >= driftDay + LABEL_DAYS) {
        const feedback = await svc.deps.stores.feedback.current({ limit: 1_000_000 });
        const r = await retrain({ registry: svc.registry, feedback, outDir: join(work, 'retrain'), actor: 'simulation', dataPaths: [historyPath], seed, bootstrapResamples: 500, evaluateOn: 'feedback', guard: opts.guard ?? { maxRecallDrop: 0.02, maxFprRise: 0.02, maxPrecisionDrop: null, maxF1Drop: null } });
        report = r.report;
        retrainReportPath = r.reportPaths.markdown;
        candidate = await loadDetector(r.candidateDir);
        retrainDay = day;
        phase = 'shadow';
        phaseDays = 0;
        note(`retrained ${report.candidate.version} on ${report.data.feedbackUsed} feedback rows; McNemar p = ${report.comparison.mcnemar.pValue.toPrecision(3)}; guard ${report.guard.promotable ? 'passed' : 'failed'}`);
      } else if (phase === 'shadow' && phaseDays >= 2) {
        phase = report!.guard.promotable ? 'canary' : 'rejected';
        canaryShare = 0.1;
        phaseDays = 0;
        note(phase === 'canary' ? 'canary at 10%' : `candidate rejected: ${report!.guard.reasons.join('; ')}`);
      } else if (phase === 'canary' && phaseDays >= 2) {
        const canaryFprOk = fp / Math.max(1, fp + tn) <= floors.fpr;
        if (!canaryFprOk) {
          phase = 'rejected';
          note('canary rolled back: FPR above the floor');
        } else if (canaryShare < 0.5) {
          canaryShare = 0.5;
          phaseDays = 0;
          note('canary at 50%');
        } else {
          const version = report!.candidate.version!;
          const pr = await svc.app.inject({ method: 'POST', url: `/v1/models/${version}/promote`, headers: simAuth('admin'), payload: { alias: 'production', reason: 'simulation: guards held through shadow and canary' } });
          if (pr.statusCode !== 200) throw new Error(`promotion failed: ${pr.statusCode} ${pr.body}`);
          phase = 'promoted';
          canaryShare = 1;
          promotionDay = day;
          note(`promoted ${version} to production`);
        }
      }
      timeline.push({
        day,
        messages: msgs.length,
        threats: nThreats,
        new_tactic: msgs.filter((m) => m.newTactic).length,
        served_by: served[0]?.model_version ?? productionVersion,
        canary_share: phase === 'canary' ? canaryShare : phase === 'promoted' ? 1 : 0,
        tpr,
        fpr: ratio(fp, fp + tn),
        precision: ratio(tp, tp + fp),
        psi: Number.isFinite(psi) ? psi : 0,
        psi_band: band,
        feedback: reviewed.size,
        shadow_disagreements: phase === 'shadow' || phase === 'canary' ? disagreements : null,
        events,
      });
      if (tpr !== null && tpr < floors.tpr && day >= attackDay && !events.some((e) => e.startsWith('performance'))) {
        // Recorded, not acted on: labels arrive with delay in practice, drift is the early signal.
        events.push(`performance: TPR ${tpr.toFixed(3)} below ${floors.tpr}`);
      }
    }
    await svc.deps.stores.writer.flush();
  } finally {
    await svc.close();
  }
  const production = await loadDetector(prodDir);
  const result: SimulationResult = {
    seed,
    days,
    per_day: perDay,
    attack_start_day: attackDay,
    drift_detected_day: driftDay,
    retrain_day: retrainDay,
    promotion_day: promotionDay,
    production_version: productionVersion,
    candidate_version: report?.candidate.version ?? null,
    production_recall_new_tactics: recallOn(production, newTacticEval),
    candidate_recall_new_tactics: candidate ? recallOn(candidate, newTacticEval) : null,
    mcnemar_p_value: report?.comparison.mcnemar.pValue ?? null,
    mcnemar: report
      ? { production_only_correct: report.comparison.mcnemar.productionOnlyCorrect, candidate_only_correct: report.comparison.mcnemar.candidateOnlyCorrect, method: report.comparison.mcnemar.method }
      : null,
    promoted: promotionDay !== null,
    guard: report?.guard ?? null,
    feedback_labels: feedbackTotal,
    predictions_logged: logged,
    timeline,
    files: { report: join(opts.outDir, 'report.md'), plots: [], retrain_report: retrainReportPath },
    seconds: 0,
  };
  result.files.plots = await writeSimulationReport(opts.outDir, result, { bands, floors });
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}
