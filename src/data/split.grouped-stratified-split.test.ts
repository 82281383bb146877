import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { BUNDLED_DATASETS } from './bundled.js';
import { groupIds, groupKey } from './group-key.js';
import type { Label } from './label.js';
import { readLabeled, type LabeledRow } from './read-labeled.js';
import { groupedStratifiedSplit } from './split.js';

async function uciRows(): Promise<LabeledRow[]> {
  const rows: LabeledRow[] = [];
  for await (const row of readLabeled(BUNDLED_DATASETS[0])) rows.push(row);
  return rows;
}
const rowsPromise = uciRows();

function share(labels: readonly Label[], idx: Int32Array, label: Label): number {
  let n = 0;
  for (const i of idx) if (labels[i] === label) n++;
  return n / idx.length;
}

test('UCI split: 403 exact duplicate rows, yet no group key on both sides', async () => {
  const rows = await rowsPromise;
  assert.equal(rows.length - new Set(rows.map((r) => r.text)).size, 403);
  const groups = groupIds(rows.map((r) => r.text));
  const { train, test: held } = groupedStratifiedSplit(rows.map((r) => r.label), groups, { testFraction: 0.2, seed: 1 });
  const trainKeys = new Set([...train].map((i) => groupKey(rows[i].text)));
  const shared = [...held].filter((i) => trainKeys.has(groupKey(rows[i].text)));
  assert.equal(shared.length, 0);
  const trainTexts = new Set([...train].map((i) => rows[i].text));
  assert.equal([...held].filter((i) => trainTexts.has(rows[i].text)).length, 0);
});

test('UCI split: partitions all rows; test ≈ 20%; label shares within 1 point', async () => {
  const rows = await rowsPromise;
  const labels = rows.map((r) => r.label);
  const { train, test: held } = groupedStratifiedSplit(labels, groupIds(rows.map((r) => r.text)), { testFraction: 0.2, seed: 1 });
  assert.equal(train.length + held.length, rows.length);
  const all = new Set([...train, ...held]);
  assert.equal(all.size, rows.length);
  for (let i = 1; i < held.length; i++) assert.ok(held[i] > held[i - 1], 'test indices sorted');
  assert.ok(Math.abs(held.length / rows.length - 0.2) < 0.01, `test share ${held.length / rows.length}`);
  const overall = 747 / 5574;
  assert.ok(Math.abs(share(labels, held, 'spam') - overall) < 0.01, `test spam ${share(labels, held, 'spam')}`);
  assert.ok(Math.abs(share(labels, train, 'spam') - overall) < 0.01, `train spam ${share(labels, train, 'spam')}`);
});

test('split is reproducible from the seed and changes with it', async () => {
  const rows = await rowsPromise;
  const labels = rows.map((r) => r.label);
  const groups = groupIds(rows.map((r) => r.text));
  const a = groupedStratifiedSplit(labels, groups, { testFraction: 0.25, seed: 42 });
  const b = groupedStratifiedSplit(labels, groups, { testFraction: 0.25, seed: 42 });
  const c = groupedStratifiedSplit(labels, groups, { testFraction: 0.25, seed: 43 });
  assert.deepEqual(a.test, b.test);
  assert.deepEqual(a.train, b.train);
  assert.notDeepEqual(a.test, c.test);
  const overlap = [...a.test].filter((i) => new Set(c.test).has(i)).length;
  assert.ok(overlap < a.test.length * 0.5, `overlap ${overlap} of ${a.test.length}`);
});

test('split keeps three labels in proportion, and accepts Uint8Array codes', () => {
  const n = 3000;
  const codes = new Uint8Array(n);
  const groups = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = i % 10 === 0 ? 2 : i % 5 === 0 ? 1 : 0; // 10% phishing, 10% spam, 80% benign
    groups[i] = i % 7 === 0 ? -Math.floor(i / 70) : i; // some multi-row groups, negative ids allowed
  }
  const { test: held } = groupedStratifiedSplit(codes, groups, { testFraction: 0.3, seed: 9 });
  const frac = (c: number) => [...held].filter((i) => codes[i] === c).length / held.length;
  assert.ok(Math.abs(held.length / n - 0.3) < 0.01);
  assert.ok(Math.abs(frac(2) - 0.1) < 0.01, `phishing ${frac(2)}`);
  assert.ok(Math.abs(frac(1) - 0.1) < 0.01, `spam ${frac(1)}`);
  const testGroups = new Set([...held].map((i) => groups[i]));
  for (let i = 0; i < n; i++) if (testGroups.has(groups[i])) assert.ok(held.includes(i), `group of row ${i} straddles`);
});

test('a mixed-label group is placed whole, stratified by its majority label', () => {
  const labels: Label[] = ['spam', 'spam', 'benign', 'benign', 'benign', 'benign', 'spam', 'benign'];
  const groups = Int32Array.from([0, 0, 0, 1, 2, 3, 4, 5]);
  const { train, test: held } = groupedStratifiedSplit(labels, groups, { testFraction: 0.5, seed: 3 });
  const side = (i: number) => (held.includes(i) ? 'test' : 'train');
  assert.equal(side(0), side(1));
  assert.equal(side(1), side(2));
  assert.equal(train.length + held.length, 8);
});

test('split rejects bad input', () => {
  const labels: Label[] = ['benign', 'spam', 'benign', 'spam'];
  const groups = Int32Array.from([0, 1, 2, 3]);
  const bad = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT' && pattern.test(e.message));
  bad(() => groupedStratifiedSplit(labels, groups, { testFraction: 0, seed: 1 }), /testFraction/);
  bad(() => groupedStratifiedSplit(labels, groups, { testFraction: 1, seed: 1 }), /testFraction/);
  bad(() => groupedStratifiedSplit(labels, groups, { testFraction: NaN, seed: 1 }), /testFraction/);
  bad(() => groupedStratifiedSplit(labels, groups, { testFraction: 0.5, seed: Infinity }), /seed/);
  bad(() => groupedStratifiedSplit(labels, Int32Array.from([0, 1]), { testFraction: 0.5, seed: 1 }), /length/);
  bad(() => groupedStratifiedSplit(['benign', 'ham' as Label], Int32Array.from([0, 1]), { testFraction: 0.5, seed: 1 }), /labels\[1\]/);
  bad(() => groupedStratifiedSplit([], new Int32Array(0), { testFraction: 0.5, seed: 1 }), /empty/);
  bad(() => groupedStratifiedSplit(labels, Int32Array.from([5, 5, 5, 5]), { testFraction: 0.2, seed: 1 }), /one side would be empty/);
});
