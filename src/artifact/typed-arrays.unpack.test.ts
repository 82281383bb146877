import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packArrays, unpackArrays } from './typed-arrays.js';

const ARRAYS = { a: Float64Array.of(0.5, -2), b: Int32Array.of(-7, 9, 11), c: Uint8Array.of(1, 2, 3) };

function values(arrays: Record<string, ArrayLike<number>>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, Array.from(v)]));
}

test('an 8-byte-aligned buffer is viewed in place: same values and dtypes, no copy', () => {
  const { buffer, entries } = packArrays(ARRAYS);
  const out = unpackArrays(buffer, entries);
  assert.deepEqual(values(out), values(ARRAYS));
  assert.ok(out.a instanceof Float64Array && out.b instanceof Int32Array && out.c instanceof Uint8Array);
  assert.equal(out.a.buffer, buffer.buffer);
});

test('a buffer at an odd offset (a pool slice) is copied once to align it, with the same values', () => {
  const { buffer, entries } = packArrays(ARRAYS);
  const odd = Buffer.alloc(buffer.length + 3).subarray(3);
  buffer.copy(odd);
  const out = unpackArrays(odd, entries);
  assert.deepEqual(values(out), values(ARRAYS));
  assert.notEqual(out.a.buffer, odd.buffer);
});

test('an entry past the end of the buffer, or misaligned, is a RangeError', () => {
  const { buffer, entries } = packArrays(ARRAYS);
  assert.throws(() => unpackArrays(buffer, { ...entries, a: { ...entries.a, length: 1000 } }), /array a lies outside the weights file/);
  assert.throws(() => unpackArrays(buffer, { ...entries, b: { ...entries.b, offset: 4 } }), /array b lies outside the weights file/);
});
