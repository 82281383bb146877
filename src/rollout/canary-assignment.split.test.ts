import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canaryBucket, checkShare, fnv1a32, routeToCanary } from './canary-assignment.js';
import { isWardenError } from '../errors.js';

const texts = Array.from({ length: 10_000 }, (_, i) => `Message number ${i}: your parcel ${i * 7919} is waiting`);

test('fnv1a32 matches the published FNV-1a test vectors (ASCII)', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
});

test('10,000 texts at 10% / 50%: the canary gets its share ± 1 point', () => {
  for (const share of [0.1, 0.5]) {
    const n = texts.filter((t) => routeToCanary(t, share)).length;
    assert.ok(Math.abs(n / texts.length - share) <= 0.01, `share ${share}: ${n} of ${texts.length}`);
  }
});

test('the same text always gets the same model, and raising the share only adds texts', () => {
  const at10 = texts.map((t) => routeToCanary(t, 0.1));
  assert.deepEqual(texts.map((t) => routeToCanary(t, 0.1)), at10);
  const at50 = texts.map((t) => routeToCanary(t, 0.5));
  for (let i = 0; i < texts.length; i++) if (at10[i]) assert.equal(at50[i], true, `text ${i} left the canary when the share grew`);
  assert.equal(canaryBucket('hello'), canaryBucket('hello'));
});

test('shares 0 and 1, near-identical keys, huge and empty keys', () => {
  assert.equal(texts.some((t) => routeToCanary(t, 0)), false);
  assert.equal(texts.every((t) => routeToCanary(t, 1)), true);
  // Keys differing only in their last character still spread over the range.
  const buckets = Array.from({ length: 1000 }, (_, i) => canaryBucket(`same prefix ${String.fromCharCode(0x4e00 + i)}`));
  const low = buckets.filter((b) => b < 0.5).length;
  assert.ok(low > 430 && low < 570, `${low} of 1000 below 0.5`);
  const huge = 'x'.repeat(1_000_000);
  const b = canaryBucket(huge);
  assert.ok(b >= 0 && b < 1);
  assert.equal(canaryBucket(huge), b);
  assert.ok(canaryBucket('') >= 0 && canaryBucket('') < 1);
});

test('checkShare accepts [0, 1] and rejects anything else with INVALID_INPUT', () => {
  assert.equal(checkShare(0), 0);
  assert.equal(checkShare(0.25), 0.25);
  assert.equal(checkShare(1), 1);
  for (const bad of [-0.1, 1.01, Number.NaN, Infinity, '0.5', null]) {
    assert.throws(() => checkShare(bad), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT', String(bad));
  }
});
