/**
 * Run in a fresh process by score.bench: loads the model in `argv[2]` once and prints, as one
 * JSON line, the load time and the RSS and heap growth it caused (after a forced GC, so the
 * figure is what stays resident, not the garbage of parsing). Needs `node --expose-gc`.
 */
import { loadDetector } from '../src/detector/load-detector.js';

const gc = (globalThis as { gc?: () => void }).gc;

function settle(): NodeJS.MemoryUsage {
  gc?.();
  gc?.();
  return process.memoryUsage();
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node --expose-gc model-memory-probe.js MODEL_DIR\n');
  process.exit(2);
}
// Import-time costs (module graph) are outside the figure: the import above already ran.
const before = settle();
const t0 = performance.now();
const detector = await loadDetector(dir);
const loadMs = performance.now() - t0;
const after = settle();
// One score keeps the detector alive past the measurement and proves it loaded.
const risk = detector.score('Free entry in 2 a wkly comp to win FA Cup final tkts').riskScore;
process.stdout.write(JSON.stringify({
  loadMs,
  rssBeforeMB: before.rss / 2 ** 20,
  rssAfterMB: after.rss / 2 ** 20,
  rssDeltaMB: (after.rss - before.rss) / 2 ** 20,
  heapDeltaMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
  arrayBuffersDeltaMB: (after.arrayBuffers - before.arrayBuffers) / 2 ** 20,
  gcForced: gc !== undefined,
  risk,
}) + '\n');
