import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanHints } from './scan-hints.js';

test('scanHints counts ASCII digits only', () => {
  assert.equal(scanHints('call 0800 123 4567').digits, 11);
  assert.equal(scanHints('٣ fullwidth ３').digits, 0);
});

test('scanHints: the character pairs a link or e-mail token needs', () => {
  for (const yes of ['a@b', 'x.co', 'www.A', 'http://x', 'hxxps', 'evil[.]com', 'e(dot)com', 'a.]', 'x.)']) {
    assert.equal(scanHints(yes).linkHint, true, yes);
  }
  for (const no of ['plain words', 'e. g', 'ok..', '1.5', 'x:y', 'hex', '[a]']) assert.equal(scanHints(no).linkHint, false, no);
});

test('scanHints: wallet-shaped runs are 26+ word characters, or 11+ starting bc1 / tb1 / ltc1', () => {
  assert.equal(scanHints('pay 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now').walletHint, true);
  assert.equal(scanHints('BC1QAR0SRRR7XF').walletHint, true);
  assert.equal(scanHints('ltc1qg82tbyel').walletHint, true);
  assert.equal(scanHints('bc1short').walletHint, false);
  assert.equal(scanHints('unfortunately congratulations').walletHint, false);
});
