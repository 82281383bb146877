/**
 * Where a triage's time goes, part by part, over the UCI texts on one core: CPU µs per message for
 * tagging (context + 26 rules), indicator extraction, scoring, explanation, policy and summary —
 * each run in the order `triage` runs them, over all texts stage after stage so every part sees the
 * same warm state (the lazily parsed context is shared by tags and indicators, as in `triage`).
 * Each figure is that stage's own time, not a running total (explain's is score + explain minus
 * score); together they come to about one `triage`.
 * Run: `node dist/bench/triage-parts.bench.js` (uses the bench model of score.bench).
 * With `--profile-loop N` it only runs `triage` N times over the texts, for `node --cpu-prof`.
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { extractIndicators } from '../src/indicators/index.js';
import { createRuleContext, tagText } from '../src/rules/index.js';
import { triage } from '../src/triage/triage.js';
import { decide, policyForModel } from '../src/triage/policy.js';
import { templateSummary } from '../src/triage/summary.js';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { cpuMs, isMain, loadAverage, median, round } from './measure.js';
import { loadUciTexts } from './uci-texts.js';

const RUNS = 5;

/** Runs `stages` (each building on the previous one's output) over every text; CPU ms per stage. */
export async function runTriageParts(repeats = 4): Promise<Record<string, number>> {
  const model = await ensureBenchModel(benchDataDir());
  const texts = loadUciTexts();
  const detector = await loadDetector(model.dir);
  const policy = policyForModel(detector.extras);
  const names = ['tags', 'indicators', 'score', 'explain', 'policy', 'summary', 'triage'] as const;
  const perRun: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  let sink = 0;
  for (let run = 0; run <= RUNS; run++) {
    const ms: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (let r = 0; r < repeats; r++) {
      // Stage by stage over all texts (one timer read per stage, not per message); each stage
      // keeps its outputs for the next, as triage would pass them along.
      let t = cpuMs();
      const ctxs = texts.map((text) => createRuleContext(text, { defaultRegion: 'GB' }));
      const tags = ctxs.map((c) => tagText(c));
      let u = cpuMs(); ms.tags += u - t; t = u;
      const inds = ctxs.map((c) => extractIndicators(c));
      u = cpuMs(); ms.indicators += u - t; t = u;
      const preds = texts.map((text, i) => detector.score(text, tags[i]));
      u = cpuMs(); ms.score += u - t; t = u;
      // explain reuses the features of the text just scored, as in triage: time score + explain
      // per text, and take the score stage off afterwards
      for (let i = 0; i < texts.length; i++) { detector.score(texts[i], tags[i], true); sink += detector.explain(texts[i], 6, tags[i]).length; }
      u = cpuMs(); ms.explain += u - t; t = u;
      const ds = preds.map((p, i) => decide(policy, { label: p.label, is_threat: p.isThreat, score: p.riskScore, tags: new Set(tags[i].map((x) => x.tag)) }));
      u = cpuMs(); ms.policy += u - t; t = u;
      for (let i = 0; i < texts.length; i++) {
        const p = preds[i];
        sink += templateSummary({ text: texts[i], label: p.label, riskScore: p.riskScore, severity: ds[i].severity, action: ds[i].action, tags: tags[i], indicators: inds[i] }).length;
      }
      u = cpuMs(); ms.summary += u - t; t = u;
      for (const text of texts) sink += triage(detector, text, policy).risk_score;
      ms.triage += cpuMs() - t;
    }
    if (run === 0) continue; // warm-up
    const n = texts.length * repeats;
    ms.explain -= ms.score;
    for (const k of names) perRun[k].push((ms[k] * 1000) / n);
  }
  if (!Number.isFinite(sink)) throw new Error('non-finite');
  const out: Record<string, number> = {};
  for (const k of names) out[`${k}_us`] = round(median(perRun[k]), 2);
  out.triage_msg_per_cpu_s = Math.round(1e6 / out.triage_us);
  return out;
}

async function profileLoop(loops: number): Promise<void> {
  const model = await ensureBenchModel(benchDataDir());
  const texts = loadUciTexts();
  const detector = await loadDetector(model.dir);
  const policy = policyForModel(detector.extras);
  let sink = 0;
  const t0 = cpuMs();
  for (let r = 0; r < loops; r++) for (const text of texts) sink += triage(detector, text, policy).risk_score;
  const ms = cpuMs() - t0;
  console.log(`triage ${Math.round((texts.length * loops) / (ms / 1000))} msg/CPU-s over ${loops} loops (sink ${sink.toFixed(1)})`);
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--profile-loop');
  if (i >= 0) await profileLoop(Number(process.argv[i + 1] ?? 10));
  else {
    // Parts are timed stage by stage over all texts, so they need not sum exactly to `triage`.
    const r = await runTriageParts();
    for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(22)} ${v}`);
    console.log(`load average ${JSON.stringify(loadAverage())}`);
  }
}
