/**
 * Scoring hot path on the UCI SMS Spam Collection: normalise → vectorise → dot product with
 * a random linear model, in process, one core. Prints messages per CPU-second (median of 5 runs), the
 * vocabulary size and the fit time, and each part of the default union (word, char_wb) vectorised
 * alone, so the next optimisation knows where the time goes. Run: `node dist/bench/features.bench.js`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSparseBuffer, DEFAULT_VECTORIZER, fitVectorizer, type VectorizerSpec } from '../src/features/index.js';
import { createNormalizer, DEFAULT_NORMALIZER } from '../src/text/index.js';

const DATA = fileURLToPath(new URL('../../data/sms-spam-collection/SMSSpamCollection.tsv', import.meta.url));
const RUNS = 5;
const MIN_MESSAGES_PER_RUN = 30_000; // short: the machine is shared

function loadMessages(): string[] {
  return readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => line.slice(line.indexOf('\t') + 1));
}

/**
 * Process CPU time in ms. The bench machine is shared, so wall time would measure the
 * neighbours; CPU time is what one core spends on our work.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Seeded weights so runs are comparable. */
function randomWeights(n: number): Float32Array {
  const w = new Float32Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w[i] = x / 2 ** 32 - 0.5;
  }
  return w;
}

export async function runFeaturesBench(): Promise<Record<string, number>> {
  const messages = loadMessages();
  const normalizer = createNormalizer(DEFAULT_NORMALIZER);

  const fitStart = performance.now();
  const normalized = messages.map((m) => normalizer.normalize(m).text);
  const vectorizer = fitVectorizer(DEFAULT_VECTORIZER, normalized);
  const fitMs = performance.now() - fitStart;

  const weights = randomWeights(vectorizer.dimension);
  const row = createSparseBuffer();
  const repeats = Math.ceil(MIN_MESSAGES_PER_RUN / messages.length);
  let sink = 0;

  const score = (withNormalize: boolean): number => {
    const t0 = cpuMs();
    for (let r = 0; r < repeats; r++) {
      for (let m = 0; m < messages.length; m++) {
        const text = withNormalize ? normalizer.normalize(messages[m]).text : normalized[m];
        const nnz = vectorizer.transformInto(text, row);
        let dot = 0;
        for (let k = 0; k < nnz; k++) dot += weights[row.indices[k]] * row.values[k];
        sink += dot;
      }
    }
    return (repeats * messages.length) / ((cpuMs() - t0) / 1000);
  };
  const normalizeOnly = (): number => {
    const t0 = cpuMs();
    for (let r = 0; r < repeats; r++) for (let m = 0; m < messages.length; m++) sink += normalizer.normalize(messages[m]).text.length;
    return (repeats * messages.length) / ((cpuMs() - t0) / 1000);
  };

  score(true); // warm-up (JIT, scratch growth)
  const full: number[] = [];
  const vectorOnly: number[] = [];
  const normOnly: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    full.push(score(true));
    vectorOnly.push(score(false));
    normOnly.push(normalizeOnly());
  }
  // each part of the union alone (vectorise only, normalised texts)
  const partRates: Record<string, number> = {};
  const union = DEFAULT_VECTORIZER as VectorizerSpec & { type: 'union' };
  for (const part of union.parts) {
    if (part.type === 'union') continue;
    const single = fitVectorizer(part, normalized);
    const runs: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = cpuMs();
      for (let r = 0; r < repeats; r++) for (let m = 0; m < normalized.length; m++) sink += single.transformInto(normalized[m], row);
      if (i > 0) runs.push((repeats * messages.length) / ((cpuMs() - t0) / 1000)); // run 0 warms up
    }
    partRates[`${part.analyzer}PartMessagesPerSec`] = Math.round(median(runs));
  }
  let nnzTotal = 0;
  for (const text of normalized) nnzTotal += vectorizer.transformInto(text, row);
  if (!Number.isFinite(sink)) throw new Error('non-finite score');
  return {
    messages: messages.length,
    vocabularySize: vectorizer.dimension,
    fitMs: Math.round(fitMs),
    meanNnz: Math.round(nnzTotal / messages.length),
    scoreMessagesPerSec: Math.round(median(full)),
    vectorizeDotMessagesPerSec: Math.round(median(vectorOnly)),
    normalizeMessagesPerSec: Math.round(median(normOnly)),
    ...partRates,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runFeaturesBench();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(28)} ${v.toLocaleString('en-GB')}`);
}
