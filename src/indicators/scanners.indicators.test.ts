import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanAmounts } from './amount-scan.js';
import { base58CheckVersion } from './base58-check.js';
import { bech32Hrp } from './bech32.js';
import { normalizeUrl, scanLinks } from './link-scan.js';
import { scanPhones } from './phone-scan.js';
import { isPremiumRateE164 } from './premium-rate.js';
import { scanWallets } from './wallet-scan.js';

test('scanAmounts: values and ISO currencies, pence → GBP / 100, scales', () => {
  const got = scanAmounts('£1,000.50 $5 €2.50 GBP 20 100 pounds 150p £2k 3 euros 0.5 BTC').map((a) => [a.raw, a.value, a.currency]);
  assert.deepEqual(got, [
    ['£1,000.50', 1000.5, 'GBP'], ['$5', 5, 'USD'], ['€2.50', 2.5, 'EUR'], ['GBP 20', 20, 'GBP'], ['100 pounds', 100, 'GBP'],
    ['150p', 1.5, 'GBP'], ['£2k', 2000, 'GBP'], ['3 euros', 3, 'EUR'], ['0.5 BTC', 0.5, 'BTC'],
  ]);
  assert.deepEqual(scanAmounts('at 2pm with 5 people, 1000 times'), []);
  assert.deepEqual(scanAmounts(''), []);
});

test('scanPhones: formats, glued letters, currency and ID contexts', () => {
  const got = scanPhones('ring 07781482378, 08452810075over18s, £1234567, ID AB07781482378', 'GB').map((p) => [p.raw, p.e164, p.start, p.end]);
  assert.deepEqual(got, [['07781482378', '+447781482378', 5, 16], ['08452810075', '+448452810075', 18, 29]]);
  assert.deepEqual(scanPhones('call 5, 12345, 2005', 'GB'), []);
});

test('isPremiumRateE164: UK 09/087/084 and US 900/976 ranges only', () => {
  assert.deepEqual(['+449061701461', '+448718729758', '+448452810075', '+19005550199', '+447781482378', '+448001234567', '+14155552671'].map(isPremiumRateE164),
    [true, true, true, true, false, false, false]);
});

test('scanLinks: schemes, bare domains, de-fanged forms, and missing-space false friends', () => {
  const { links } = scanLinks('a http://x.co/p, www.b.co.uk, c.xyz/d, hxxps://e[.]com, f(dot)ru, pain.it, u.So, e.g.');
  assert.deepEqual(links.map((l) => [l.raw, l.normalized, l.bare, l.defanged]), [
    ['http://x.co/p', 'http://x.co/p', false, false],
    ['www.b.co.uk', 'http://www.b.co.uk', true, false],
    ['c.xyz/d', 'http://c.xyz/d', true, false],
    ['hxxps://e[.]com', 'https://e.com', false, true],
    ['f(dot)ru', 'http://f.ru', true, true],
  ]);
});

test('normalizeUrl: lower-cases scheme and host only', () => {
  assert.equal(normalizeUrl('HTTPS://WWW.Ex.COM/Path?Q=A'), 'https://www.ex.com/Path?Q=A');
  assert.equal(normalizeUrl('//cdn.EX.com/a'), 'http://cdn.ex.com/a');
});

test('wallets: known-good addresses verify, one flipped character does not', () => {
  assert.equal(base58CheckVersion('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'), 0);
  assert.equal(base58CheckVersion('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), 5);
  assert.equal(base58CheckVersion('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'), -1);
  assert.equal(base58CheckVersion('0OIl'), -1);
  assert.equal(bech32Hrp('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), 'bc');
  assert.equal(bech32Hrp('bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297'), 'bc'); // bech32m (taproot)
  assert.equal(bech32Hrp('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz'), null);
  assert.equal(bech32Hrp('BC1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), null); // mixed case
  const found = scanWallets('a 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy b 0x52908400098527886E0F7030069857D2E4169EE7 c 0x123');
  assert.deepEqual(found.map((w) => [w.chain, w.start, w.end]), [['bitcoin', 2, 36], ['ethereum', 39, 81]]);
  assert.deepEqual(scanWallets('1'.repeat(100_000)), []);
});

test('scanLinks: a repeated token (answered from the memo) gets its own offsets and fresh objects', () => {
  const first = scanLinks('see www.getzed.co.uk now');
  const again = scanLinks('hello, please see www.getzed.co.uk and mail me@getzed.co.uk');
  assert.deepEqual(first.links.map((l) => [l.raw, l.start, l.end]), [['www.getzed.co.uk', 4, 20]]);
  assert.deepEqual(again.links.map((l) => [l.raw, l.start, l.end]), [['www.getzed.co.uk', 18, 34]]);
  assert.deepEqual(again.emails.map((e) => [e.address, e.start, e.end]), [['me@getzed.co.uk', 44, 59]]);
  first.links[0].start = -1;
  assert.equal(scanLinks('see www.getzed.co.uk now').links[0].start, 4);
});

test('scanAmounts: amounts whose currency comes first are found right at the start of the text too', () => {
  const raw = (t: string) => scanAmounts(t).map((a) => [a.raw, a.start]);
  assert.deepEqual(raw('£5 now'), [['£5', 0]]);
  assert.deepEqual(raw('GBP 5 now'), [['GBP 5', 0]]);
  assert.deepEqual(raw('usd5'), [['usd5', 0]]);
  assert.deepEqual(raw('x usd 5'), [['usd 5', 2]]);
  assert.deepEqual(raw('pay € 20 or 150p'), [['€ 20', 4], ['150p', 12]]);
  assert.deepEqual(raw('no digits at all, £ only'), []);
});
