import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter, LEETSPEAK_MAP } from './index.js';

test('the map is a→4 b→8 e→3 g→9 i→1 l→1 o→0 s→5 t→7 z→2', () => {
  assert.deepEqual(LEETSPEAK_MAP, { a: '4', b: '8', e: '3', g: '9', i: '1', l: '1', o: '0', s: '5', t: '7', z: '2' });
});

test('rate 1 maps every mapped letter in either case and leaves the rest', () => {
  const rw = createRewriter({ type: 'leetspeak', rate: 1 }, 1);
  assert.equal(rw('FREE prize: Click to claim your SMS bonus!'), 'FR33 pr123: C11ck 70 c141m y0ur 5M5 80nu5!');
  assert.equal(rw('xyz'), 'xy2');
});

test('rate 0.5 maps about half of the mapped letters', () => {
  const text = 'you have been selected to receive a special gift '.repeat(40);
  const out = createRewriter({ type: 'leetspeak', rate: 0.5 }, 21)(text);
  assert.equal(out.length, text.length);
  let eligible = 0;
  let mapped = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = LEETSPEAK_MAP[text[i].toLowerCase()];
    if (digit === undefined) {
      assert.equal(out[i], text[i]);
      continue;
    }
    eligible++;
    if (out[i] === digit) mapped++;
    else assert.equal(out[i], text[i]);
  }
  assert.ok(Math.abs(mapped / eligible - 0.5) < 0.05, `mapped ${mapped} of ${eligible}`);
});

test('links and e-mail addresses are left intact', () => {
  const text = 'Go to www.lottery-claims.info/ticket or write to claims@lottery.org';
  const out = createRewriter({ type: 'leetspeak', rate: 1 }, 2)(text);
  assert.equal(out, '90 70 www.lottery-claims.info/ticket 0r wr173 70 claims@lottery.org');
});
