import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { checkPageLimit, escapeLike } from './page.js';

const invalid = (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT';

test('page cursor: round-trips a position as URL-safe text', () => {
  const pos = { at: new Date('2025-01-01T00:00:00.001Z'), id: 'x/y+z=é' };
  const c = encodeCursor(pos);
  assert.match(c, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(c), pos);
});

test('page cursor: garbage, wrong shapes and bad dates are INVALID_INPUT', () => {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  for (const bad of ['', '!!!', enc({}), enc(['2025-01-01']), enc([1, 'x']), enc(['not a date', 'x']), 'a'.repeat(10_000)]) {
    assert.throws(() => decodeCursor(bad), invalid, JSON.stringify(bad.slice(0, 20)));
  }
});

test('page limit and LIKE escaping', () => {
  assert.equal(checkPageLimit(1), 1);
  assert.equal(checkPageLimit(500), 500);
  for (const bad of [0, 501, 2.5, Number.NaN, Infinity]) assert.throws(() => checkPageLimit(bad), invalid);
  assert.equal(escapeLike('50%_off\\'), '50\\%\\_off\\\\');
  assert.equal(escapeLike(''), '');
});
