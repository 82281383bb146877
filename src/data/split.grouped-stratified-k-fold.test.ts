import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { BUNDLED_DATASETS } from './bundled.js';
import { groupIds } from './group-key.js';
import type { Label } from './label.js';
import { readLabeled } from './read-labeled.js';
import { groupedStratifiedKFold } from './split.js';

async function uci(): Promise<{ labels: Label[]; groups: Int32Array }> {
  const labels: Label[] = [];
  const texts: string[] = [];
  for await (const row of readLabeled(BUNDLED_DATASETS[0])) {
    labels.push(row.label);
    texts.push(row.text);
  }
  return { labels, groups: groupIds(texts) };
}
const dataPromise = uci();

test('k-fold on UCI: every row in exactly one test fold; train is the complement', async () => {
  const { labels, groups } = await dataPromise;
  const folds = groupedStratifiedKFold(labels, groups, { k: 5, seed: 11 });
  assert.equal(folds.length, 5);
  const seen = new Int32Array(labels.length);
  for (const { train, test: held } of folds) {
    for (const i of held) seen[i]++;
    assert.equal(train.length + held.length, labels.length);
    const inTest = new Set(held);
    for (const i of train) assert.ok(!inTest.has(i));
  }
  assert.ok(seen.every((c) => c === 1));
});

test('k-fold on UCI: no group in two folds; sizes and spam share balanced', async () => {
  const { labels, groups } = await dataPromise;
  const folds = groupedStratifiedKFold(labels, groups, { k: 5, seed: 11 });
  const foldOfGroup = new Map<number, number>();
  folds.forEach(({ test: held }, f) => {
    for (const i of held) {
      const prev = foldOfGroup.get(groups[i]);
      assert.ok(prev === undefined || prev === f, `group ${groups[i]} in folds ${prev} and ${f}`);
      foldOfGroup.set(groups[i], f);
    }
    assert.ok(Math.abs(held.length - labels.length / 5) <= 3, `fold ${f} has ${held.length} rows`);
    const spam = [...held].filter((i) => labels[i] === 'spam').length / held.length;
    assert.ok(Math.abs(spam - 747 / 5574) < 0.01, `fold ${f} spam share ${spam}`);
  });
});

test('k-fold is seeded', async () => {
  const { labels, groups } = await dataPromise;
  const a = groupedStratifiedKFold(labels, groups, { k: 3, seed: 5 });
  const b = groupedStratifiedKFold(labels, groups, { k: 3, seed: 5 });
  const c = groupedStratifiedKFold(labels, groups, { k: 3, seed: 6 });
  assert.deepEqual(a.map((f) => [...f.test]), b.map((f) => [...f.test]));
  assert.notDeepEqual(a.map((f) => [...f.test]), c.map((f) => [...f.test]));
});

test('k-fold with k equal to the number of groups gives one group per fold', () => {
  const labels: Label[] = ['benign', 'benign', 'spam', 'spam', 'phishing'];
  const groups = Int32Array.from([0, 0, 1, 2, 3]);
  const folds = groupedStratifiedKFold(labels, groups, { k: 4, seed: 1 });
  const tests = folds.map((f) => [...f.test].sort((x, y) => x - y));
  assert.deepEqual(tests.map((t) => t.length).sort(), [1, 1, 1, 2]);
  assert.ok(tests.some((t) => t.length === 2 && t[0] === 0 && t[1] === 1));
});

test('k-fold handles many folds (k > 255)', () => {
  const n = 600;
  const folds = groupedStratifiedKFold(new Uint8Array(n).map((_, i) => i % 2), Int32Array.from({ length: n }, (_, i) => i), { k: 300, seed: 2 });
  assert.equal(folds.length, 300);
  assert.ok(folds.every((f) => f.test.length === 2));
});

test('k-fold rejects bad k and too few groups', () => {
  const labels: Label[] = ['benign', 'spam', 'benign'];
  const groups = Int32Array.from([0, 1, 2]);
  const bad = (k: number, pattern: RegExp) =>
    assert.throws(() => groupedStratifiedKFold(labels, groups, { k, seed: 1 }), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT' && pattern.test(e.message));
  bad(1, /k must be/);
  bad(2.5, /k must be/);
  bad(NaN, /k must be/);
  bad(4, /3 groups/);
  assert.throws(() => groupedStratifiedKFold([], new Int32Array(0), { k: 2, seed: 1 }), (e: unknown) => isWardenError(e) && /0 groups/.test(e.message));
});
