import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../data/random.js';
import { FeatureNameCache } from './feature-name-cache.js';

test('the cache answers every column with the name nameOf gives, also when columns share a slot', () => {
  const asked: number[] = [];
  const nameOf = (col: number): string => {
    asked.push(col);
    return col % 7 === 0 ? `plain${col}` : `${col % 2 === 0 ? 'w' : 'c'}:t${col}:x`;
  };
  const names = new FeatureNameCache(nameOf);
  const rng = createRng(7);
  // skewed: a few hot columns, many cold ones over a wide range (so slots collide)
  for (let i = 0; i < 50000; i++) {
    const col = rng() < 0.7 ? Math.floor(rng() * 50) : Math.floor(rng() * 200000);
    const want = nameOf(col);
    assert.equal(names.name(col), want);
    const colon = want.indexOf(':');
    assert.equal(names.needle(col), colon >= 0 ? want.slice(colon + 1) : want);
  }
  // hot columns are named once, not per call
  asked.length = 0;
  for (let col = 0; col < 50; col++) names.name(col);
  assert.ok(asked.length < 5, `asked ${asked.length} times for 50 hot columns`);
});

test('needle is the part after the first colon, the whole name without one, empty after a trailing colon', () => {
  const names = new FeatureNameCache((col) => ['w:hello', 'c: ab', 'tag:x:y', 'bare', 'w:'][col]);
  assert.deepEqual([0, 1, 2, 3, 4].map((c) => names.needle(c)), ['hello', ' ab', 'x:y', 'bare', '']);
  assert.deepEqual([0, 1, 2, 3, 4].map((c) => names.name(c)), ['w:hello', 'c: ab', 'tag:x:y', 'bare', 'w:']);
});
