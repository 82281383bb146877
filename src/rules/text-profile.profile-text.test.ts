import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanHints } from '../indicators/scan-hints.js';
import { profileText } from './text-profile.js';

const counts = (text: string) => {
  const p = profileText(text);
  return {
    ascii: p.ascii, letters: p.letters, upper: p.upper, emphatic: p.emphatic, leetNextToLetter: p.leetNextToLetter,
    invisible: p.invisible, otherScript: p.otherScript, chargeHint: p.chargeHint,
  };
};

test('profileText counts letters, capitals and emphatic marks of the original text', () => {
  assert.deepEqual(counts('WIN a PRIZE!!! ok?'), {
    ascii: true, letters: 11, upper: 8, emphatic: 4, leetNextToLetter: false, invisible: false, otherScript: false, chargeHint: false,
  });
  assert.equal(profileText('Hey！').emphatic, 1, 'fullwidth exclamation mark');
  assert.equal(profileText('').letters, 0);
});

test('profileText flags leetspeak next to a letter, invisible characters and other alphabets', () => {
  assert.equal(counts('fr33 gift').leetNextToLetter, true);
  assert.equal(counts('call 0800 123').leetNextToLetter, false, 'digits on their own are not leetspeak');
  assert.equal(counts('pay@ once').leetNextToLetter, true);
  assert.equal(counts('pa\u200bypal').invisible, true);
  assert.equal(counts('pаypal').otherScript, true, 'Cyrillic а');
  assert.equal(counts('café').otherScript, false);
  assert.equal(counts('café').ascii, false);
});

test('profileText flags stated charges: a digit before p, or £ before a digit', () => {
  assert.equal(counts('150p/min').chargeHint, true);
  assert.equal(counts('10PPM').chargeHint, true);
  assert.equal(counts('1.50р per msg').chargeHint, true, 'Cyrillic р folds to p');
  assert.equal(counts('£1.50 per msg').chargeHint, true);
  assert.equal(counts('£ 5 or 5 pence').chargeHint, false);
});

test('profileText computes the same scan hints as scanHints', () => {
  for (const text of ['', 'no links here', 'see www.x.com', 'mail a@b.com', 'hxxp://x', '1234567 digits', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'ok...fine', 'e(dot)com']) {
    const p = profileText(text);
    assert.deepEqual({ digits: p.digits, linkHint: p.linkHint, walletHint: p.walletHint }, scanHints(text), text);
  }
});
