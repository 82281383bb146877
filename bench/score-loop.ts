/**
 * A bare scoring loop for instruction counting, which machine load cannot skew:
 *   valgrind --tool=cachegrind --cache-sim=yes node dist/bench/score-loop.js MODEL_DIR 0
 *   valgrind --tool=cachegrind --cache-sim=yes node dist/bench/score-loop.js MODEL_DIR 4
 * The difference of the two runs' `I refs` (and `D1 misses`) divided by 4 × 5,574 is the cost
 * per message after a two-pass warm-up (JIT and caches).
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { loadUciTexts } from './uci-texts.js';

const [dir, passes] = process.argv.slice(2);
if (!dir || !/^\d+$/.test(passes ?? '')) {
  process.stderr.write('usage: node score-loop.js MODEL_DIR PASSES\n');
  process.exit(2);
}
const detector = await loadDetector(dir);
const texts = loadUciTexts();
let sink = 0;
for (let r = 0; r < 2 + Number(passes); r++) for (const t of texts) sink += detector.score(t).riskScore;
process.stdout.write(`${texts.length} texts, ${passes} measured passes, sum ${sink}\n`);
