/**
 * Run in a fresh process by score.bench: scoring and triage of messages the process has never
 * seen. The repeated-corpus runs of score.bench let every per-process cache (the char_wb word
 * cache, the link and phone memos of triage) answer from memory after the first pass; this
 * probe shows what unseen traffic costs. The JIT is warmed on the smishing dataset's texts
 * that are not in the UCI file; then each UCI message is scored (or triaged) exactly once.
 * Prints one JSON line: messages per CPU-second for each.
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { readTexts } from '../src/data/index.js';
import { policyForModel } from '../src/triage/policy.js';
import { triage } from '../src/triage/triage.js';
import { REPO_ROOT, cpuMs } from './measure.js';
import { loadUciTexts } from './uci-texts.js';
import { join } from 'node:path';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'score' && mode !== 'triage')) {
  process.stderr.write('usage: node unseen-probe.js MODEL_DIR score|triage\n');
  process.exit(2);
}
const uci = loadUciTexts();
const inUci = new Set(uci.map((t) => t.trim()));
const warm: string[] = [];
for await (const row of readTexts(join(REPO_ROOT, 'data', 'sms-smishing-5971', 'Dataset_5971.csv'))) {
  if (!inUci.has(row.text.trim())) warm.push(row.text);
}
const detector = await loadDetector(dir);
const policy = policyForModel(detector.extras);
const run = mode === 'score' ? (t: string) => detector.score(t).riskScore : (t: string) => triage(detector, t, policy).risk_score;
let sink = 0;
for (let r = 0; r < 3; r++) for (const t of warm) sink += run(t);
const c0 = cpuMs();
for (const t of uci) sink += run(t);
const cpu = cpuMs() - c0;
process.stdout.write(JSON.stringify({ mode, warmTexts: warm.length, messages: uci.length, perCpuSecond: uci.length / (cpu / 1000), sink }) + '\n');
