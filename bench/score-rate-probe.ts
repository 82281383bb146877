/**
 * Run in a fresh process by relative-speed.bench: `detector.score` over the UCI texts (two
 * passes to warm the JIT and the word cache, then 18 passes, ~100,000 messages), in a process
 * that does nothing else. Prints one JSON line: messages per CPU-second and per wall-second.
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { rate } from './measure.js';
import { loadUciTexts } from './uci-texts.js';

const PASSES = 18;

const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: node score-rate-probe.js MODEL_DIR\n');
  process.exit(2);
}
const texts = loadUciTexts();
const detector = await loadDetector(dir);
const score = (t: string) => detector.score(t).riskScore;
const warm = rate(texts, 2, score);
const r = rate(texts, PASSES, score);
if (!Number.isFinite(warm.sink + r.sink)) throw new Error('non-finite scores');
process.stdout.write(JSON.stringify({ messages: PASSES * texts.length, perCpuSecond: Math.round(r.perCpuSecond), perWallSecond: Math.round(r.perWallSecond) }) + '\n');
