/**
 * Freezes what the default normaliser + vectoriser produce on the UCI SMS texts, so speed
 * work on the scoring path can prove it changed nothing (src/features/transform.parity.test.ts).
 * Run once against a build of the reference implementation, from the repo root:
 *   npx tsc -p tsconfig.json && node scripts/oracles/transform-parity.mjs
 * → test/fixtures/transform-parity.json. Per text: FNV-1a of the normalised text, nnz, a
 * checksum of the column set, and dot products with two seeded weight vectors (which move
 * if any value moves); plus the full rows of every 100th text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createSparseBuffer, DEFAULT_VECTORIZER, fitVectorizer } from '../../dist/src/features/index.js';
import { createNormalizer, DEFAULT_NORMALIZER } from '../../dist/src/text/index.js';

const texts = [];
for (const line of readFileSync('data/sms-spam-collection/SMSSpamCollection.tsv', 'utf8').split('\n')) {
  const tab = line.indexOf('\t');
  if (tab >= 0) texts.push(line.slice(tab + 1).replace(/\r$/, ''));
}
const normalizer = createNormalizer(DEFAULT_NORMALIZER);
const normalized = texts.map((t) => normalizer.normalize(t).text);
const vectorizer = fitVectorizer(DEFAULT_VECTORIZER, normalized);

function fnv(s) {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function weights(n, seed) {
  const w = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w[i] = x / 2 ** 32 - 0.5;
  }
  return w;
}
const wa = weights(vectorizer.dimension, 12345);
const wb = weights(vectorizer.dimension, 777);
const row = createSparseBuffer();
const perText = [];
const rows = [];
normalized.forEach((text, r) => {
  const nnz = vectorizer.transformInto(text, row);
  let colSum = 0;
  let da = 0;
  let db = 0;
  const entries = [];
  for (let k = 0; k < nnz; k++) {
    const j = row.indices[k];
    colSum = (colSum + Math.imul(j + 1, 0x9e3779b1)) | 0;
    da += wa[j] * row.values[k];
    db += wb[j] * row.values[k];
    entries.push([j, row.values[k]]);
  }
  perText.push([fnv(text), nnz, colSum, da, db]);
  if (r % 100 === 0) rows.push({ text: r, entries: entries.sort((a, b) => a[0] - b[0]) });
});
writeFileSync(
  'test/fixtures/transform-parity.json',
  JSON.stringify({ source: 'data/sms-spam-collection/SMSSpamCollection.tsv', count: texts.length, dimension: vectorizer.dimension, seeds: [12345, 777], perText, rows }),
);
console.log(`texts ${texts.length}, dimension ${vectorizer.dimension}`);
