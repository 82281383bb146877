import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter, ZERO_WIDTH_CHARACTERS } from './index.js';

const ZW = new Set(ZERO_WIDTH_CHARACTERS);
const strip = (s: string): string => [...s].filter((c) => !ZW.has(c)).join('');

test('the inserted characters are exactly U+200B, U+200C, U+200D, U+2060 and U+FEFF', () => {
  assert.deepEqual([...ZERO_WIDTH_CHARACTERS].map((c) => c.codePointAt(0)), [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
});

test('rate 1 puts one zero-width character in every gap between two word characters, nowhere else', () => {
  const text = 'Win cash, now 100!';
  const out = createRewriter({ type: 'zero-width', rate: 1 }, 1)(text);
  // gaps: Win → 2, cash → 3, now → 2, 100 → 2 : 9 insertions
  assert.equal(out.length, text.length + 9);
  assert.equal(strip(out), text);
  let inserted = 0;
  for (const c of out) if (ZW.has(c)) inserted++;
  assert.equal(inserted, 9);
  // nothing around spaces or punctuation
  assert.ok(!/[\u200b\u200c\u200d\u2060\ufeff][ ,!]|[ ,!][\u200b\u200c\u200d\u2060\ufeff]/u.test(out));
});

test('over a long text all five characters are used', () => {
  const out = createRewriter({ type: 'zero-width', rate: 1 }, 3)('abcdefghij'.repeat(20));
  for (const c of ZERO_WIDTH_CHARACTERS) assert.ok(out.includes(c), `U+${c.codePointAt(0)!.toString(16)}`);
});

test('links are left intact', () => {
  const text = 'Claim at http://bit.ly/3xYz9 now';
  const out = createRewriter({ type: 'zero-width', rate: 1 }, 4)(text);
  assert.ok(out.includes(' http://bit.ly/3xYz9 '));
  assert.equal(strip(out), text);
  assert.notEqual(out, text);
});

test('emoji (surrogate pairs) are never split', () => {
  const text = '🎉🎉 prize 🎁';
  const out = createRewriter({ type: 'zero-width', rate: 1 }, 6)(text);
  assert.ok(out.startsWith('🎉🎉 '));
  assert.ok(out.endsWith(' 🎁'));
  assert.equal(strip(out), text);
});

test('a 100 KB message gets exactly one insertion per gap at rate 1', () => {
  const text = 'ab'.repeat(50_000);
  const out = createRewriter({ type: 'zero-width', rate: 1 }, 8)(text);
  assert.equal(out.length, 2 * text.length - 1);
  assert.equal(strip(out), text);
});
