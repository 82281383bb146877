import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stageDurations } from './train.bench.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test('stageDurations: a stage runs from its first event to the next stage', () => {
  const d = stageDurations([
    { stage: 'reading data', atMs: 0 },
    { stage: 'preparing', atMs: 250 },
    { stage: 'cross-validation', atMs: 1250 },
    { stage: 'cross-validation', atMs: 2000 },
    { stage: 'cross-validation', atMs: 3000 },
    { stage: 'final fit', atMs: 4000 },
  ], 4500);
  close(d['reading data'], 0.25);
  close(d.preparing, 1);
  close(d['cross-validation'], 2.75);
  close(d['final fit'], 0.5);
});

test('stageDurations adds up a stage that comes back', () => {
  const d = stageDurations([{ stage: 'a', atMs: 0 }, { stage: 'b', atMs: 100 }, { stage: 'a', atMs: 300 }], 400);
  close(d.a, 0.2);
  close(d.b, 0.2);
});

test('stageDurations of no events is empty', () => {
  assert.deepEqual(stageDurations([], 1000), {});
});
