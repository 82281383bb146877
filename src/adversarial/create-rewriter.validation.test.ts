import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { createRewriter, type Rewrite } from './index.js';

function assertInvalid(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => isWardenError(err) && err.code === 'INVALID_INPUT' && pattern.test(err.message));
}

test('rates outside [0, 1] or not numbers are rejected with INVALID_INPUT', () => {
  for (const rate of [-0.1, 1.5, Number.NaN, Infinity]) {
    assertInvalid(() => createRewriter({ type: 'homoglyph', rate }, 1), /rewrite\.rate must be a number in \[0, 1\]/);
  }
  assertInvalid(() => createRewriter({ type: 'leetspeak', rate: '0.5' } as unknown as Rewrite, 1), /rate/);
});

test('bad steps inside a sequence are reported with their path', () => {
  const spec = { type: 'sequence', steps: [{ type: 'leetspeak', rate: 0.1 }, { type: 'zero-width', rate: 2 }] } as Rewrite;
  assertInvalid(() => createRewriter(spec, 1), /rewrite\.steps\[1\]\.rate/);
  assertInvalid(() => createRewriter({ type: 'sequence' } as unknown as Rewrite, 1), /steps must be an array/);
});

test('unknown types and link styles are rejected', () => {
  assertInvalid(() => createRewriter({ type: 'rot13', rate: 0.5 } as unknown as Rewrite, 1), /not a known rewrite: "rot13"/);
  assertInvalid(() => createRewriter({ type: 'link-style', rate: 1, style: 'qr' } as unknown as Rewrite, 1), /style/);
  assertInvalid(() => createRewriter(null as unknown as Rewrite, 1), /must be an object/);
});

test('a non-finite seed and a non-string text are rejected', () => {
  assertInvalid(() => createRewriter({ type: 'homoglyph', rate: 0.5 }, Number.NaN), /seed/);
  const rw = createRewriter({ type: 'homoglyph', rate: 0.5 }, 1);
  assertInvalid(() => rw(undefined as unknown as string), /text must be a string/);
});
