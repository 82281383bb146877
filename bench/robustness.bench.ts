/**
 * Robustness to obfuscation: recall on the threat messages of the bundled data's test split,
 * original versus rewritten by each seeded transformation (homoglyphs, zero-width characters,
 * leetspeak, inserted spaces) and by all four combined. The target: recall stays within 5 points
 * of the recall on the originals.
 *
 * The default pipeline is trained on the training split only (seed 42, 20 % grouped stratified
 * test split, `refit: false`), saved and loaded as a served model. Benign test messages get the
 * same rewrites, to show the false-positive side. Link rewrites (de-fanged links, link-style
 * swaps) are reported too, as a first look at attacker adaptation.
 *
 * Run: `node dist/bench/robustness.bench.js`. Writes `bench/results/robustness.json`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRewriter, type Rewrite } from '../src/adversarial/index.js';
import { BUNDLED_DATASETS } from '../src/data/index.js';
import type { Detector } from '../src/detector/detector.js';
import { loadDetector } from '../src/detector/load-detector.js';
import { saveModel } from '../src/training/save-model.js';
import { train } from '../src/training/train.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const SPLIT_SEED = 42;
const REWRITE_SEED = 2024;
const RATE = 0.25;
const SWEEP_RATES = [0.1, 0.25, 0.5];
const TARGET_DROP = 0.05;

const charRewrites = (rate: number): Record<string, Rewrite> => ({
  homoglyph: { type: 'homoglyph', rate },
  'zero-width': { type: 'zero-width', rate },
  leetspeak: { type: 'leetspeak', rate },
  'inserted-spaces': { type: 'inserted-spaces', rate },
  'all four': {
    type: 'sequence',
    steps: [
      { type: 'homoglyph', rate },
      { type: 'leetspeak', rate },
      { type: 'inserted-spaces', rate },
      { type: 'zero-width', rate },
    ],
  },
});

const LINK_REWRITES: Record<string, Rewrite> = {
  'defang-links': { type: 'defang-links', rate: 1 },
  'link-style shortener': { type: 'link-style', rate: 1, style: 'shortener' },
  'link-style ip': { type: 'link-style', rate: 1, style: 'ip' },
  'link-style bare-domain': { type: 'link-style', rate: 1, style: 'bare-domain' },
};

/** Share of `texts` the detector flags as a threat. */
function flaggedShare(detector: Detector, texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) if (detector.score(t).isThreat) n++;
  return texts.length === 0 ? Number.NaN : n / texts.length;
}

interface RewriteResult {
  spec: Rewrite;
  /** Threat messages the rewrite changed at all. */
  changed: number;
  recall: number;
  /** Recall on the originals minus recall on the rewrites, in points (0–100). */
  dropPoints: number;
  benignFlagged: number;
  /** Mean |risk(rewritten) − risk(original)| over the threat messages: 0 when the normaliser undoes the rewrite. */
  meanRiskShift: number;
  withinTarget: boolean;
}

function evaluate(detector: Detector, spec: Rewrite, threats: readonly string[], benign: readonly string[], base: { recall: number; risks: Float64Array }): RewriteResult {
  const rewrite = createRewriter(spec, REWRITE_SEED);
  const rewritten = threats.map(rewrite);
  const recall = flaggedShare(detector, rewritten);
  const drop = base.recall - recall;
  let shift = 0;
  for (let i = 0; i < threats.length; i++) shift += Math.abs(detector.score(rewritten[i]).riskScore - base.risks[i]);
  return {
    spec,
    changed: rewritten.filter((t, i) => t !== threats[i]).length,
    recall,
    dropPoints: Math.round(drop * 1000) / 10,
    benignFlagged: flaggedShare(detector, benign.map(rewrite)),
    meanRiskShift: threats.length === 0 ? Number.NaN : shift / threats.length,
    withinTarget: drop <= TARGET_DROP,
  };
}

/** Trains on the seed-42 training split, rewrites the test split, prints and writes the figures. */
export async function runRobustnessBench(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const t = await train({ dataPaths: BUNDLED_DATASETS, seed: SPLIT_SEED, testFraction: 0.2, refit: false });
  const trainSeconds = (performance.now() - started) / 1000;
  const workDir = mkdtempSync(join(tmpdir(), 'warden-robustness-'));
  let detector: Detector;
  try {
    await saveModel(t, workDir);
    detector = await loadDetector(workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const threats = Array.from(t.split.test).filter((i) => t.data.threat[i] === 1).map((i) => t.data.raw[i]);
  const benign = Array.from(t.split.test).filter((i) => t.data.threat[i] === 0).map((i) => t.data.raw[i]);
  const risks = Float64Array.from(threats, (text) => detector.score(text).riskScore);
  const original = { recall: flaggedShare(detector, threats), benignFlagged: flaggedShare(detector, benign), risks };

  const main: Record<string, RewriteResult> = {};
  for (const [name, spec] of Object.entries(charRewrites(RATE))) main[name] = evaluate(detector, spec, threats, benign, original);
  const sweep: Record<string, Record<string, number>> = {};
  for (const rate of SWEEP_RATES) {
    for (const [name, spec] of Object.entries(charRewrites(rate))) {
      (sweep[name] ??= {})[String(rate)] = evaluate(detector, spec, threats, benign, original).recall;
    }
  }
  const links: Record<string, RewriteResult> = {};
  for (const [name, spec] of Object.entries(LINK_REWRITES)) links[name] = evaluate(detector, spec, threats, benign, original);

  console.log(`test split: ${threats.length} threat and ${benign.length} benign messages; model ${t.cv.name}, threshold ${detector.threshold.toFixed(4)}`);
  console.log(`${'rewrite'.padEnd(24)} recall   drop (pts)  benign flagged  mean |Δrisk|  changed`);
  console.log(`${'original'.padEnd(24)} ${original.recall.toFixed(4)}   ${'—'.padStart(9)}   ${original.benignFlagged.toFixed(4)}`);
  for (const [name, r] of [...Object.entries(main), ...Object.entries(links)]) {
    const label = name in main ? `${name} @ ${RATE}` : name;
    console.log(`${label.padEnd(24)} ${r.recall.toFixed(4)}   ${r.dropPoints.toFixed(1).padStart(9)}   ${r.benignFlagged.toFixed(4)}          ${r.meanRiskShift.toFixed(4)}        ${r.changed}${r.withinTarget ? '' : '  ← over 5 points'}`);
  }
  console.log(`recall by rate: ${JSON.stringify(sweep)}`);

  const result = {
    data: 'bundled (UCI SMS Spam Collection + Mishra & Soni smishing), merged',
    split: { seed: SPLIT_SEED, testFraction: 0.2, trainRows: t.split.train.length, testRows: t.split.test.length },
    model: { chosen: t.cv.name, threshold: detector.threshold, trainSeconds },
    rewriteSeed: REWRITE_SEED,
    rate: RATE,
    threatMessages: threats.length,
    benignMessages: benign.length,
    original: { recall: original.recall, benignFlagged: original.benignFlagged },
    rewrites: main,
    recallByRate: sweep,
    links,
    measuredAt: new Date().toISOString(),
    node: process.version,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'robustness.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runRobustnessBench();
}
