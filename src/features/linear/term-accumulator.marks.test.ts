import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../data/random.js';
import { createSparseBuffer } from '../sparse.js';
import type { GramIndex } from './gram-index.js';
import { TermAccumulator } from './term-accumulator.js';

// One accumulator driven through 2,000 texts (several 255-text cycles of its per-text marks),
// each checked against a plain Map of key → count: the first-seen key order, count(), the three
// sums and the features appendTo reads back. Few keys, so nearly every key repeats in nearly
// every cycle: a mark or count left over from an earlier text would show. A second
// accumulator that does not list its keys (plain scoring) takes the same calls and must end each
// text with the same counts and bit-identical sums, and refuse to read its features back.

const SIZE = 12;
const STRIDE = 3; // [idf, threat weight, phishing weight] per key

function tinyIndex(): GramIndex {
  const rand = createRng(3);
  const data = new Float32Array(SIZE * STRIDE);
  for (let k = 0; k < SIZE; k++) {
    data[k * STRIDE] = 0.5 + rand() * 3;
    data[k * STRIDE + 1] = rand() - 0.5;
    data[k * STRIDE + 2] = rand() - 0.5;
  }
  return { lookup: () => -1, data, stride: STRIDE, idfAt: 0, weighted: true, inLine: null, size: SIZE };
}

for (const sublinear of [true, false]) {
  test(`TermAccumulator across mark wrap-arounds (sublinear tf ${sublinear}): keys, counts, sums and read-back equal a plain count map on every text`, () => {
    const index = tinyIndex();
    const { data } = index;
    const listing = new TermAccumulator(index, sublinear, true);
    const quiet = new TermAccumulator(index, sublinear, true);
    quiet.listKeys = false;
    // every call goes to both accumulators
    const acc = {
      reset: () => (listing.reset(), quiet.reset()),
      addGram: (key: number) => (listing.addGram(key), quiet.addGram(key)),
      addSums: (a: number, b: number, c: number) => (listing.addSums(a, b, c), quiet.addSums(a, b, c)),
      addWordKeys: (arena: Int32Array, p: number, end: number) => (listing.addWordKeys(arena, p, end), quiet.addWordKeys(arena, p, end)),
    };
    const tf = (c: number) => (sublinear ? 1 + Math.log(c) : c);
    const term = (key: number, c: number) => {
      const v = tf(c) * data[key * STRIDE];
      return { v, dt: v * data[key * STRIDE + 1], dp: v * data[key * STRIDE + 2] };
    };
    const rand = createRng(11);
    const arena = new Int32Array(64);
    const out = createSparseBuffer(4);
    for (let t = 0; t < 2000; t++) {
      acc.reset();
      const want = new Map<number, number>(); // insertion order = first-seen order
      // Keys 0 and 1 repeat in texts 5 and 7 only (through addGram, and through a cached word's
      // count); every other text has each once, so a count kept from text 5 or 7 under a reused
      // mark would surface 255 texts later.
      const c0 = t === 5 ? 3 : 1;
      for (let i = 0; i < c0; i++) acc.addGram(0);
      want.set(0, c0);
      const c1 = t === 7 ? 3 : 1;
      const one = term(1, c1);
      acc.addSums(one.dt, one.dp, one.v * one.v);
      arena[0] = (1 << 8) | c1;
      acc.addWordKeys(arena, 0, 1);
      want.set(1, c1);
      const ops = 1 + Math.floor(rand() * 8);
      for (let o = 0; o < ops; o++) {
        if (rand() < 0.5) {
          const key = 2 + Math.floor(rand() * (SIZE - 2));
          acc.addGram(key);
          want.set(key, (want.get(key) ?? 0) + 1);
          continue;
        }
        // a cached word: distinct keys with their in-word counts, the word's own sums first
        const used = new Set<number>();
        let m = 0;
        let dt = 0;
        let dp = 0;
        let sq = 0;
        for (let j = 1 + Math.floor(rand() * 4); j > 0; j--) {
          const key = 2 + Math.floor(rand() * (SIZE - 2));
          if (used.has(key)) continue;
          used.add(key);
          const c = 1 + Math.floor(rand() * 3);
          arena[m++] = (key << 8) | c;
          const x = term(key, c);
          dt += x.dt;
          dp += x.dp;
          sq += x.v * x.v;
          want.set(key, (want.get(key) ?? 0) + c);
        }
        acc.addSums(dt, dp, sq);
        acc.addWordKeys(arena, 0, m);
      }

      assert.deepEqual(Array.from(listing.keys.subarray(0, listing.size)), [...want.keys()], `text ${t}: keys`);
      assert.equal(quiet.size, 0, `text ${t}: the quiet accumulator lists no keys`);
      assert.deepEqual([quiet.sumSq, quiet.dotThreat, quiet.dotPhishing], [listing.sumSq, listing.dotThreat, listing.dotPhishing], `text ${t}: same sums`);
      let dt = 0;
      let dp = 0;
      let sq = 0;
      for (const [key, c] of want) {
        assert.equal(listing.count(key), c, `text ${t}: count of key ${key}`);
        assert.equal(quiet.count(key), c, `text ${t}: quiet count of key ${key}`);
        const x = term(key, c);
        dt += x.dt;
        dp += x.dp;
        sq += x.v * x.v;
      }
      for (let key = 0; key < SIZE; key++) if (!want.has(key)) assert.equal(listing.count(key), 1, `text ${t}: unseen key ${key}`);
      const close = (got: number, exp: number, what: string) => assert.ok(Math.abs(got - exp) <= 1e-9 * (1 + Math.abs(exp)), `text ${t}: ${what} ${got} vs ${exp}`);
      close(listing.sumSq, sq, 'sumSq');
      close(listing.dotThreat, dt, 'dotThreat');
      close(listing.dotPhishing, dp, 'dotPhishing');
      out.nnz = 0;
      listing.appendTo(out, 0);
      assert.throws(() => quiet.appendTo(out, 0), /without listing its keys/);
      const scale = 1 / Math.sqrt(sq);
      const values = [...want].map(([key, c]) => Math.fround(tf(c) * data[key * STRIDE] * scale));
      assert.deepEqual(Array.from(out.values.subarray(0, out.nnz)), values, `text ${t}: read-back values`);
    }
  });
}
