import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeOfId, timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('timeOrderedId: a UUIDv7 whose first 48 bits are the timestamp', () => {
  const at = Date.parse('2025-01-02T03:04:05.678Z');
  const id = timeOrderedId(at);
  assert.match(id, UUID_V7);
  assert.equal(timeOfId(id), at);
  assert.equal(id.slice(0, 13), at.toString(16).padStart(12, '0').replace(/^(.{8})/, '$1-'));
  assert.equal(timeOfId(timeOrderedId(0)), 0);
  assert.equal(timeOfId(timeOrderedId(0xffff_ffff_ffff)), 0xffff_ffff_ffff);
});

test('timeOrderedId: later milliseconds always sort later as text; 100,000 ids are distinct', () => {
  const seen = new Set<string>();
  let prev = '';
  const start = Date.parse('2024-06-01T00:00:00.000Z');
  for (let i = 0; i < 100_000; i++) {
    const id = timeOrderedId(start + i);
    assert.ok(id > prev, `${id} after ${prev}`);
    prev = id;
    seen.add(id);
  }
  for (let i = 0; i < 1000; i++) seen.add(timeOrderedId(start)); // same millisecond: random bits differ
  assert.equal(seen.size, 101_000);
});

test('timeOrderedId: out-of-range timestamps are refused', () => {
  for (const bad of [-1, 2 ** 48, Number.NaN, 1.5]) assert.throws(() => timeOrderedId(bad), RangeError);
});
