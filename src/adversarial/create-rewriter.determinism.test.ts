import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter, type Rewrite } from './index.js';

const MESSAGE = 'URGENT! Your account is suspended. Verify your details at http://secure-login.example.com/verify within 24 hours or lose access.';
const ALL_FOUR: Rewrite = {
  type: 'sequence',
  steps: [
    { type: 'homoglyph', rate: 0.3 },
    { type: 'leetspeak', rate: 0.3 },
    { type: 'zero-width', rate: 0.2 },
    { type: 'inserted-spaces', rate: 0.1 },
  ],
};

test('the same spec and seed give the same output, call after call and rewriter after rewriter', () => {
  const a = createRewriter(ALL_FOUR, 42);
  const b = createRewriter(ALL_FOUR, 42);
  const first = a(MESSAGE);
  assert.notEqual(first, MESSAGE);
  assert.equal(a(MESSAGE), first);
  assert.equal(b(MESSAGE), first);
});

test('output does not depend on the order texts are rewritten in', () => {
  const texts = ['Free entry to win a prize', 'Call now to claim your reward', MESSAGE, 'ok see you soon'];
  const forward = texts.map(createRewriter(ALL_FOUR, 7));
  const rw = createRewriter(ALL_FOUR, 7);
  const backward = [...texts].reverse().map(rw).reverse();
  assert.deepEqual(backward, forward);
});

test('different seeds give different rewrites of the same text', () => {
  const outputs = new Set([1, 2, 3, 4, 5].map((seed) => createRewriter(ALL_FOUR, seed)(MESSAGE)));
  assert.equal(outputs.size, 5);
});

test('rate 0 is the identity for every rewrite, alone and in a sequence', () => {
  const zero: Rewrite[] = [
    { type: 'homoglyph', rate: 0 },
    { type: 'zero-width', rate: 0 },
    { type: 'leetspeak', rate: 0 },
    { type: 'inserted-spaces', rate: 0 },
    { type: 'defang-links', rate: 0 },
    { type: 'link-style', rate: 0, style: 'ip' },
  ];
  for (const spec of zero) assert.equal(createRewriter(spec, 3)(MESSAGE), MESSAGE, spec.type);
  assert.equal(createRewriter({ type: 'sequence', steps: zero }, 3)(MESSAGE), MESSAGE);
  assert.equal(createRewriter({ type: 'sequence', steps: [] }, 3)(MESSAGE), MESSAGE);
});

test('the empty text stays empty', () => {
  assert.equal(createRewriter(ALL_FOUR, 1)(''), '');
});

test('a sequence applies its steps in order: leetspeak after homoglyph at rate 1 finds no Latin letter it maps', () => {
  const rw = createRewriter({ type: 'sequence', steps: [{ type: 'homoglyph', rate: 1 }, { type: 'leetspeak', rate: 1 }] }, 9);
  // every a/e/i/o/s is already Cyrillic or Greek; only t, l, b, g, z (no homoglyph) become digits
  assert.equal(rw('a test bag'), '\u0430 7\u0435\u04557 8\u04309');
});
