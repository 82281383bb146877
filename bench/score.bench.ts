/**
 * In-process scoring with the default model over the UCI texts, one core: `detector.score`
 * and `triage` messages per second (median of 5 runs, by CPU time and by wall time), model
 * load time, and the memory a loaded model keeps (fresh processes, after GC).
 * Run: `node dist/bench/score.bench.js` → bench/results/score.json.
 * Targets: score ≥ 200,000/s, triage ≥ 50,000/s, load well under 1 s, RSS < 100 MB.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDetector } from '../src/detector/load-detector.js';
import { triage } from '../src/triage/triage.js';
import { policyForModel } from '../src/triage/policy.js';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { isMain, loadAverage, machineNote, median, rate, round, writeResult, type Rate } from './measure.js';
import { loadUciTexts } from './uci-texts.js';

const RUNS = 5;
const PROBES = 5;

function medianRates(runs: Rate[]): Rate & { runsPerCpuSecond: number[] } {
  return {
    perCpuSecond: Math.round(median(runs.map((r) => r.perCpuSecond))),
    perWallSecond: Math.round(median(runs.map((r) => r.perWallSecond))),
    runsPerCpuSecond: runs.map((r) => Math.round(r.perCpuSecond)),
  };
}

/** Load time and resident memory of one model load, each in a fresh `node --expose-gc` process. */
function probeMemory(modelDir: string): Record<string, unknown> {
  const probe = fileURLToPath(new URL('./model-memory-probe.js', import.meta.url));
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < PROBES; i++) {
    const res = spawnSync(process.execPath, ['--expose-gc', probe, modelDir], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`memory probe failed: ${res.stderr}`);
    samples.push(JSON.parse(res.stdout.trim()) as Record<string, number>);
  }
  const m = (k: string, d = 1) => round(median(samples.map((s) => s[k])), d);
  return {
    processes: PROBES,
    loadMsMedian: m('loadMs'),
    loadMsRuns: samples.map((s) => round(s.loadMs, 1)),
    rssDeltaMB: m('rssDeltaMB'),
    rssAfterLoadMB: m('rssAfterMB'),
    heapDeltaMB: m('heapDeltaMB'),
    arrayBuffersDeltaMB: m('arrayBuffersDeltaMB'),
  };
}

/** Median rate over PROBES fresh processes that score (or triage) each UCI message once, after a JIT warm-up on other texts. */
function probeUnseen(modelDir: string, mode: 'score' | 'triage'): Record<string, unknown> {
  const probe = fileURLToPath(new URL('./unseen-probe.js', import.meta.url));
  const rates: number[] = [];
  for (let i = 0; i < PROBES; i++) {
    const res = spawnSync(process.execPath, [probe, modelDir, mode], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`unseen probe failed: ${res.stderr}`);
    rates.push((JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as { perCpuSecond: number }).perCpuSecond);
  }
  return { perCpuSecond: Math.round(median(rates)), runsPerCpuSecond: rates.map((r) => Math.round(r)) };
}

/** Runs the in-process scoring bench and writes `bench/results/score.json`. */
export async function runScoreBench(): Promise<Record<string, unknown>> {
  const model = await ensureBenchModel(benchDataDir());
  const texts = loadUciTexts();
  const loadAvgStart = loadAverage();
  const memory = probeMemory(model.dir);
  const unseen = { score: probeUnseen(model.dir, 'score'), triage: probeUnseen(model.dir, 'triage') };

  const detector = await loadDetector(model.dir);
  const policy = policyForModel(detector.extras);
  const score = (t: string) => detector.score(t).riskScore;
  const verdict = (t: string) => triage(detector, t, policy).risk_score;

  // ≥ 100k messages per scoring run (≈ 0.5 s at target), ≥ 20k per triage run.
  const scoreRepeats = Math.ceil(100_000 / texts.length);
  const triageRepeats = Math.ceil(20_000 / texts.length);
  let sink = rate(texts, 2, score).sink + rate(texts, 1, verdict).sink; // warm-up: JIT, scratch buffers
  const scoreRuns: Rate[] = [];
  const triageRuns: Rate[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = rate(texts, scoreRepeats, score);
    const t = rate(texts, triageRepeats, verdict);
    sink += s.sink + t.sink;
    scoreRuns.push(s);
    triageRuns.push(t);
  }
  if (!Number.isFinite(sink)) throw new Error('non-finite scores');
  const meanChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  const result = {
    command: 'node dist/bench/score.bench.js',
    model: { version: model.version, dir: model.dir },
    texts: { source: 'data/sms-spam-collection/SMSSpamCollection.tsv', count: texts.length, meanChars: round(meanChars, 1) },
    runs: RUNS,
    score: { messagesPerRun: texts.length * scoreRepeats, ...medianRates(scoreRuns), target: 200_000 },
    triage: { messagesPerRun: texts.length * triageRepeats, ...medianRates(triageRuns), target: 50_000 },
    // each message once, in a fresh process: what traffic the caches have not seen costs
    unseen,
    load: memory,
    targets: { scorePerSecond: 200_000, triagePerSecond: 50_000, loadMs: 1000, rssMB: 100 },
    loadAverageAtStart: loadAvgStart,
    ...machineNote(),
  };
  writeResult('score', result);
  return result;
}

if (isMain(import.meta.url)) {
  const r = await runScoreBench();
  const s = r.score as Rate;
  const t = r.triage as Rate;
  const l = r.load as Record<string, number>;
  console.log(`score   ${s.perCpuSecond.toLocaleString('en-GB')} msg/CPU-s (${s.perWallSecond.toLocaleString('en-GB')} msg/wall-s)`);
  console.log(`triage  ${t.perCpuSecond.toLocaleString('en-GB')} msg/CPU-s (${t.perWallSecond.toLocaleString('en-GB')} msg/wall-s)`);
  const u = r.unseen as Record<string, Rate>;
  console.log(`unseen  score ${u.score.perCpuSecond.toLocaleString('en-GB')} msg/CPU-s, triage ${u.triage.perCpuSecond.toLocaleString('en-GB')} msg/CPU-s (each message once, fresh process)`);
  console.log(`load    ${l.loadMsMedian} ms; RSS +${l.rssDeltaMB} MB (total ${l.rssAfterLoadMB} MB), heap +${l.heapDeltaMB} MB`);
  console.log(`load average ${JSON.stringify(r.loadAverage)}`);
}
