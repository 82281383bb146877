/**
 * A bare triage loop for instruction counting, which machine load cannot skew:
 *   valgrind --tool=cachegrind --cache-sim=yes node dist/bench/triage-loop.js MODEL_DIR 0
 *   valgrind --tool=cachegrind --cache-sim=yes node dist/bench/triage-loop.js MODEL_DIR 2
 * The difference of the two runs' `I refs` (and `D1 misses`, `LL misses`) divided by 2 × 5,574
 * is the cost of one `triage` (tags, indicators, score, explain, policy, summary) after a
 * two-pass warm-up (JIT and caches).
 */
import { loadDetector } from '../src/detector/load-detector.js';
import { policyForModel } from '../src/triage/policy.js';
import { triage } from '../src/triage/triage.js';
import { loadUciTexts } from './uci-texts.js';

const [dir, passes] = process.argv.slice(2);
if (!dir || !/^\d+$/.test(passes ?? '')) {
  process.stderr.write('usage: node triage-loop.js MODEL_DIR PASSES\n');
  process.exit(2);
}
const detector = await loadDetector(dir);
const policy = policyForModel(detector.extras);
const texts = loadUciTexts();
let sink = 0;
for (let r = 0; r < 2 + Number(passes); r++) for (const t of texts) sink += triage(detector, t, policy).risk_score;
process.stdout.write(`${texts.length} texts, ${passes} measured passes, sum ${sink}\n`);
