import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter, HOMOGLYPH_CHARACTERS, HOMOGLYPH_LETTERS } from './index.js';

const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u04ff]/u;

test('rate 1 replaces every letter that has a look-alike by a Cyrillic or Greek letter, one for one', () => {
  const text = 'Pay your PayPal invoice now';
  const out = createRewriter({ type: 'homoglyph', rate: 1 }, 1)(text);
  assert.equal(out.length, text.length);
  for (let i = 0; i < text.length; i++) {
    if (HOMOGLYPH_LETTERS.includes(text[i])) {
      assert.ok(HOMOGLYPH_CHARACTERS.has(out[i]), `position ${i}: '${text[i]}' → '${out[i]}'`);
      assert.match(out[i], CYRILLIC_OR_GREEK);
    } else {
      assert.equal(out[i], text[i], `position ${i} has no look-alike and must not change`);
    }
  }
  // P→Р/Ρ, a→а, y→у, o→о/ο, u stays, r stays
  assert.ok(out[0] === '\u0420' || out[0] === '\u03a1');
  assert.equal(out[1], '\u0430');
  assert.equal(out[2], '\u0443');
  assert.equal(out.slice(6, 8), 'ur');
});

test('every look-alike renders like its letter: NFKC does not fold it back (that is the attack)', () => {
  for (const ch of HOMOGLYPH_CHARACTERS) {
    assert.match(ch, CYRILLIC_OR_GREEK);
    assert.equal(ch.normalize('NFKC'), ch);
  }
});

test('rate 0.5 replaces about half of the eligible letters', () => {
  const text = 'please confirm your bank account details to receive the cash prize '.repeat(40);
  const out = createRewriter({ type: 'homoglyph', rate: 0.5 }, 11)(text);
  let eligible = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    if (!HOMOGLYPH_LETTERS.includes(text[i])) continue;
    eligible++;
    if (out[i] !== text[i]) replaced++;
  }
  assert.ok(eligible > 1000);
  assert.ok(Math.abs(replaced / eligible - 0.5) < 0.05, `replaced ${replaced} of ${eligible}`);
});

test('links and e-mail addresses keep their Latin letters so they still work', () => {
  const text = 'Verify at https://secure-paypal.example.com/login?id=abc or mail help@service.co.uk today';
  const out = createRewriter({ type: 'homoglyph', rate: 1 }, 5)(text);
  assert.ok(out.includes('https://secure-paypal.example.com/login?id=abc'));
  assert.ok(out.includes('help@service.co.uk'));
  assert.ok(!out.startsWith('Verify'));
  assert.ok(!out.endsWith('today'));
});

test('text with no letters that have look-alikes comes back unchanged', () => {
  const text = '0800 123 456 £££ !!! ☎️ 漢字';
  assert.equal(createRewriter({ type: 'homoglyph', rate: 1 }, 2)(text), text);
});
