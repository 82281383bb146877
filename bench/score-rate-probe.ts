/**
 * Run in a fresh process by relative-speed.bench: `detector.score` over the UCI texts (two
 * passes to warm the JIT and the word cache, then 18 passes, ~100,000 messages), in a process
 * that does nothing else. Prints one JSON line: messages per CPU-second and per wall-second.
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { cpuMs } from './measure.js';
import { loadUciTexts } from './uci-texts.js';

const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node score-rate-probe.js MODEL_DIR\n');
  process.exit(2);
}
const texts = loadUciTexts();
const detector = await loadDetector(dir);
let sink = 0;
for (let r = 0; r < 2; r++) for (const t of texts) sink += detector.score(t).riskScore;
const passes = 18;
const c0 = cpuMs();
const w0 = performance.now();
for (let r = 0; r < passes; r++) for (const t of texts) sink += detector.score(t).riskScore;
const n = passes * texts.length;
const perCpuSecond = Math.round(n / ((cpuMs() - c0) / 1000));
const perWallSecond = Math.round(n / ((performance.now() - w0) / 1000));
if (!Number.isFinite(sink)) throw new Error('non-finite scores');
process.stdout.write(JSON.stringify({ messages: n, perCpuSecond, perWallSecond }) + '\n');
