import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, shuffleInPlace } from './random.js';

test('createRng reproduces the reference mulberry32 sequence', () => {
  // values from the reference implementation (bryc/code, mulberry32)
  const rng = createRng(42);
  assert.equal(rng(), 0.6011037519201636);
  assert.equal(rng(), 0.44829055899754167);
  assert.equal(rng(), 0.8524657934904099);
  const zero = createRng(0);
  assert.equal(zero(), 0.26642920868471265);
});

test('createRng: same seed same stream, other seed other stream', () => {
  const a = createRng(7);
  const b = createRng(7);
  const c = createRng(8);
  const sa = Array.from({ length: 20 }, () => a());
  assert.deepEqual(Array.from({ length: 20 }, () => b()), sa);
  assert.notDeepEqual(Array.from({ length: 20 }, () => c()), sa);
});

test('createRng coerces the seed to uint32', () => {
  assert.equal(createRng(2 ** 32 + 5)(), createRng(5)());
  assert.equal(createRng(-1)(), createRng(4294967295)());
});

test('createRng stays in [0, 1) with mean ≈ 0.5 over 200k draws', () => {
  const rng = createRng(123);
  let sum = 0;
  let min = 1;
  let max = 0;
  for (let i = 0; i < 200_000; i++) {
    const x = rng();
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  assert.ok(min >= 0 && max < 1);
  assert.ok(Math.abs(sum / 200_000 - 0.5) < 0.005, `mean ${sum / 200_000}`);
});

test('shuffleInPlace permutes without losing elements, reproducibly', () => {
  const a = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRng(1));
  const b = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRng(1));
  assert.deepEqual(a, b);
  assert.deepEqual([...a].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assert.notDeepEqual(a, Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(shuffleInPlace([], createRng(1)), []);
  assert.deepEqual(shuffleInPlace([9], createRng(1)), [9]);
});
