import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelDir, writeModelDir, MANIFEST_FILE, VOCABULARY_FILE, type ArtifactContents } from '../artifact/model-files.js';
import type { AnyTypedArray } from '../artifact/typed-arrays.js';
import { loadVectorizer, type VectorizerSpec } from '../features/index.js';
import { rankByIdf } from '../features/linear/weighted-table.js';
import { TERM_HASH_SCHEME } from '../features/tfidf-part.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import type { Detector, DetectorParts } from './detector.js';
import { loadDetector, VECTORIZER_PREFIX } from './load-detector.js';

const TEXTS = [
  'URGENT! Your PayPal account is locked. Verify at http://paypal-secure.xyz',
  'see you at 6',
  'Call 09061701461 to claim your £900 prize now!!!',
  'Vеrify your аccount – 𝐟𝐫𝐞𝐞 ＧＩＦＴ ☺',
  '',
];

type PartState = Record<string, unknown>;
const partsOf = (d: Detector): DetectorParts => (d as unknown as { parts: DetectorParts }).parts;

/**
 * The tiny model written twice, into fresh directories (tests may spoil them): with term hashes (as training now saves it) and without
 * (as older code saved it), everything else alike. Built here rather than trusting the
 * cached tiny model to be of either kind.
 */
async function bothKinds(): Promise<{ contents: ArtifactContents; withHashes: string; withoutHashes: string }> {
  const contents = await readModelDir(await tinyModelDir());
  const p = contents.manifest.pipeline;
  const vecArrays: Record<string, AnyTypedArray> = {};
  for (const [name, a] of Object.entries(contents.arrays)) if (name.startsWith(VECTORIZER_PREFIX)) vecArrays[name.slice(VECTORIZER_PREFIX.length)] = a;
  const exported = loadVectorizer(p.vectorizer.spec as VectorizerSpec, { state: p.vectorizer.state, arrays: vecArrays, vocabulary: contents.vocabulary }).export();
  const state = exported.state as { parts: PartState[] };
  assert.ok(state.parts.every((s) => s.termHashes === TERM_HASH_SCHEME), 'export() records the term hashes');
  assert.ok(Object.keys(exported.arrays).some((name) => name.endsWith('.idfOrder')), 'export() saves the idf order');
  const withHashes = await writeVariant(contents, state, { ...exported.arrays });
  const oldState = { ...state, parts: state.parts.map(({ termHashes: _, ...rest }) => rest) };
  const oldArrays = Object.fromEntries(Object.entries(exported.arrays).filter(([name]) => !name.endsWith('.termHashes') && !name.endsWith('.idfOrder')));
  const withoutHashes = await writeVariant(contents, oldState, oldArrays);
  return { contents, withHashes, withoutHashes };
}

async function writeVariant(contents: ArtifactContents, state: unknown, vecArrays: Record<string, AnyTypedArray>): Promise<string> {
  const { files: _f, arrays: _a, id: _i, ...manifest } = contents.manifest;
  const arrays: Record<string, AnyTypedArray> = {};
  for (const [name, a] of Object.entries(contents.arrays)) if (!name.startsWith(VECTORIZER_PREFIX)) arrays[name] = a;
  for (const [name, a] of Object.entries(vecArrays)) arrays[VECTORIZER_PREFIX + name] = a;
  const pipeline = { ...manifest.pipeline, vectorizer: { ...manifest.pipeline.vectorizer, state } };
  const dir = await mkdtemp(join(tmpdir(), 'warden-term-hashes-'));
  await writeModelDir(dir, { ...manifest, pipeline }, arrays, contents.vocabulary, contents.extras);
  return dir;
}

/** Replaces vocabulary.json and re-signs it in the manifest (a well-formed artifact with bad contents). */
async function replaceVocabulary(dir: string, text: string): Promise<void> {
  await writeFile(join(dir, VOCABULARY_FILE), text);
  const m = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  m.files[VOCABULARY_FILE] = { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(m));
}

test('a model saved with term hashes scores, names features and explains exactly as one saved without', async () => {
  const { withHashes, withoutHashes } = await bothKinds();
  const fast = await loadDetector(withHashes, 'v7');
  const slow = await loadDetector(withoutHashes, 'v7');
  assert.equal(fast.version, 'v7');
  for (const text of TEXTS) {
    assert.deepEqual(fast.score(text), slow.score(text), text);
    assert.deepEqual(fast.explain(text, 6), slow.explain(text, 6), text);
  }
  const fv = partsOf(fast).vectorizer;
  const sv = partsOf(slow).vectorizer;
  assert.equal(fv.dimension, sv.dimension);
  for (let col = 0; col < fv.dimension; col++) assert.equal(fv.featureName(col), sv.featureName(col));
  // and the transform path (its table built on first use) agrees too
  for (const text of TEXTS) assert.deepEqual(fv.transformMany([text]), sv.transformMany([text]));
});

test('with term hashes, the vocabulary is not read to score: a bad one fails only when a feature is named, as MODEL_CORRUPT', async () => {
  const { withHashes } = await bothKinds();
  await replaceVocabulary(withHashes, '["only", "two"]');
  const d = await loadDetector(withHashes);
  assert.equal(typeof d.score(TEXTS[0]).riskScore, 'number');
  assert.throws(() => partsOf(d).vectorizer.featureName(0), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'MODEL_CORRUPT');
    assert.match(err.message, /vocabulary has 2 terms, the parts \d+/);
    return true;
  });
  await replaceVocabulary(withHashes, '{not json');
  const e = await loadDetector(withHashes);
  assert.throws(() => e.explain(TEXTS[0], 3), { code: 'MODEL_CORRUPT', message: /vocabulary cannot be decoded/ });
});

test('without term hashes (an older model) the vocabulary is read at load, and a bad one is refused then', async () => {
  const { withoutHashes } = await bothKinds();
  await replaceVocabulary(withoutHashes, '["only", "two"]');
  await assert.rejects(loadDetector(withoutHashes), { code: 'MODEL_CORRUPT', message: /vocabulary size \d+ is invalid/ });
});

test('a state promising term hashes with the array missing, short or repeating a hash is MODEL_CORRUPT at load', async () => {
  const { contents, withHashes } = await bothKinds();
  const exported = (await readModelDir(withHashes)).arrays;
  const vec = (edit: (a: Record<string, AnyTypedArray>) => void): Record<string, AnyTypedArray> => {
    const out: Record<string, AnyTypedArray> = {};
    for (const [name, a] of Object.entries(exported)) if (name.startsWith(VECTORIZER_PREFIX)) out[name.slice(VECTORIZER_PREFIX.length)] = a;
    edit(out);
    return out;
  };
  const state = (await readModelDir(withHashes)).manifest.pipeline.vectorizer.state;
  const cases: [string, Record<string, AnyTypedArray>, RegExp][] = [
    ['missing', vec((a) => delete a['p0.termHashes']), /part 0 term hashes are missing or not \d+ long/],
    ['short', vec((a) => (a['p1.termHashes'] = a['p1.termHashes'].slice(2))), /part 1 term hashes are missing or not \d+ long/],
    ['order short', vec((a) => (a['p0.idfOrder'] = a['p0.idfOrder'].slice(1))), /the idf order has \d+ columns, not \d+/],
    ['order repeats', vec((a) => {
      const o = Int32Array.from(a['p1.idfOrder']);
      o[1] = o[0];
      a['p1.idfOrder'] = o;
    }), /the idf order repeats or lacks columns/],
    ['order out of range', vec((a) => {
      const o = Int32Array.from(a['p0.idfOrder']);
      o[0] = -1;
      a['p0.idfOrder'] = o;
    }), /the idf order repeats or lacks columns \(-1 at 0\)/],
    ['repeated', vec((a) => {
      const h = Int32Array.from(a['p0.termHashes']);
      h[2] = h[0];
      h[3] = h[1];
      a['p0.termHashes'] = h;
    }), /columns \d+ and \d+ have the same gram hash/],
  ];
  for (const [name, arrays, message] of cases) {
    const dir = await writeVariant(contents, state, arrays);
    await assert.rejects(loadDetector(dir), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_CORRUPT', name);
      assert.match(err.message, message, name);
      return true;
    });
  }
});

test('term hashes under another scheme are ignored: the terms are hashed again from the strings', async () => {
  const { contents, withHashes, withoutHashes } = await bothKinds();
  const loaded = await readModelDir(withHashes);
  const state = loaded.manifest.pipeline.vectorizer.state as { parts: PartState[] };
  const other = { ...state, parts: state.parts.map((s) => ({ ...s, termHashes: 'some-future-hash' })) };
  const vecArrays: Record<string, AnyTypedArray> = {};
  for (const [name, a] of Object.entries(loaded.arrays)) {
    if (!name.startsWith(VECTORIZER_PREFIX)) continue;
    vecArrays[name.slice(VECTORIZER_PREFIX.length)] = name.endsWith('.termHashes') ? new Int32Array(a.length) : a;
  }
  const d = await loadDetector(await writeVariant(contents, other, vecArrays));
  const slow = await loadDetector(withoutHashes);
  for (const text of TEXTS) assert.deepEqual(d.score(text), slow.score(text), text);
});

test('the saved idf order is rankByIdf of the idf; a model without it (or with another permutation) scores the same', async () => {
  const { contents, withHashes, withoutHashes } = await bothKinds();
  const loaded = await readModelDir(withHashes);
  for (const k of [0, 1]) {
    const idf = loaded.arrays[`${VECTORIZER_PREFIX}p${k}.idf`] as Float64Array;
    assert.deepEqual(loaded.arrays[`${VECTORIZER_PREFIX}p${k}.idfOrder`], rankByIdf(Float64Array.from(idf)));
  }
  const vecArrays: Record<string, AnyTypedArray> = {};
  for (const [name, a] of Object.entries(loaded.arrays)) {
    if (!name.startsWith(VECTORIZER_PREFIX)) continue;
    // columns in plain order: another valid permutation
    vecArrays[name.slice(VECTORIZER_PREFIX.length)] = name.endsWith('.idfOrder') ? Int32Array.from({ length: a.length }, (_, j) => j) : a;
  }
  const plainOrder = await loadDetector(await writeVariant(contents, loaded.manifest.pipeline.vectorizer.state, vecArrays));
  const slow = await loadDetector(withoutHashes);
  for (const text of TEXTS) assert.deepEqual(plainOrder.score(text), slow.score(text), text);
});
