import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { extractIndicators } from './extract-indicators.js';
import { createMessageScan } from './message-scan.js';

test('extractIndicators: de-fanged URL restored, phone in E.164, amounts de-duplicated with all spans', () => {
  const text = 'Pay £5 at hxxp://evil[.]com or call 09061701461 now. £5!';
  const iocs = extractIndicators(text);
  assert.deepEqual(iocs.urls, [{
    url: 'hxxp://evil[.]com', normalized: 'http://evil.com', domain: 'evil.com', registeredDomain: 'evil.com', tld: 'com',
    isIp: false, shortened: false, defanged: true, spans: [{ start: 10, end: 27 }],
  }]);
  assert.deepEqual(iocs.phones, [{ raw: '09061701461', e164: '+449061701461', region: 'GB', premiumRate: true, spans: [{ start: 36, end: 47 }] }]);
  assert.deepEqual(iocs.amounts, [{ raw: '£5', value: 5, currency: 'GBP', spans: [{ start: 4, end: 6 }, { start: 53, end: 55 }] }]);
  assert.deepEqual(iocs.wallets, []);
  assert.deepEqual(iocs.domains, [{ domain: 'evil.com', registeredDomain: 'evil.com', spans: [{ start: 10, end: 27 }] }]);
});

test('extractIndicators: the same URL written twice (case differs) is one entry with two spans', () => {
  const text = 'Go to HTTP://WWW.Win.com/X then http://www.win.com/X';
  const { urls } = extractIndicators(text);
  assert.equal(urls.length, 1);
  assert.equal(urls[0].normalized, 'http://www.win.com/X');
  assert.deepEqual(urls[0].spans, [{ start: 6, end: 26 }, { start: 32, end: 52 }]);
  assert.equal(urls[0].registeredDomain, 'win.com');
});

test('extractIndicators: shortener, IP URL and e-mail domains', () => {
  const text = 'bit.ly/abc or http://10.0.0.1/x, mail Help@Secure.Paypal-Login.co.uk';
  const iocs = extractIndicators(text);
  assert.deepEqual(iocs.urls.map((u) => [u.normalized, u.shortened, u.isIp, u.domain]), [
    ['http://bit.ly/abc', true, false, 'bit.ly'],
    ['http://10.0.0.1/x', false, true, '10.0.0.1'],
  ]);
  assert.equal(iocs.urls[1].registeredDomain, null);
  assert.deepEqual(iocs.emails, [{ address: 'help@secure.paypal-login.co.uk', domain: 'secure.paypal-login.co.uk', spans: [{ start: 38, end: 68 }] }]);
  assert.deepEqual(iocs.domains.map((d) => [d.domain, d.registeredDomain, text.slice(d.spans[0].start, d.spans[0].end)]), [
    ['bit.ly', 'bit.ly', 'bit.ly/abc'],
    ['secure.paypal-login.co.uk', 'paypal-login.co.uk', 'Secure.Paypal-Login.co.uk'],
  ]);
});

test('extractIndicators: explicit +cc beats the default region; US 1-900 is premium', () => {
  const text = 'Call +1 415 555 2671 or 1-900-555-0199 or +33 1 42 68 53 00';
  const { phones } = extractIndicators(text, { defaultRegion: 'GB' });
  assert.deepEqual(phones.map((p) => [p.e164, p.region, p.premiumRate]), [
    ['+14155552671', 'US', false],
    ['+19005550199', 'US', true],
    ['+33142685300', 'FR', false],
  ]);
  const us = extractIndicators('call (415) 555-2671', { defaultRegion: 'US' });
  assert.deepEqual(us.phones.map((p) => [p.e164, p.region, p.spans]), [['+14155552671', 'US', [{ start: 6, end: 19 }]]]);
});

test('extractIndicators: empty and indicator-free text give empty lists', () => {
  const empty = { urls: [], domains: [], emails: [], phones: [], amounts: [], wallets: [] };
  assert.deepEqual(extractIndicators(''), empty);
  assert.deepEqual(extractIndicators('Ok lar... Joking wif u oni...'), empty);
});

test('extractIndicators: accepts a MessageScan and reuses its parse', () => {
  const scan = createMessageScan('see www.example.com');
  const links = scan.links;
  const iocs = extractIndicators(scan);
  assert.equal(scan.links, links);
  assert.equal(iocs.urls[0].normalized, 'http://www.example.com');
});

test('extractIndicators: bad input and unknown regions are INVALID_INPUT', () => {
  const isInvalid = (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT';
  assert.throws(() => extractIndicators(null as unknown as string), isInvalid);
  assert.throws(() => extractIndicators('hi', { defaultRegion: 'XX' }), isInvalid);
});

test('extractIndicators: 100 KB walls stay linear and give exact counts', () => {
  assert.equal(extractIndicators('1'.repeat(100_000)).phones.length, 0);
  assert.equal(extractIndicators('http://' + 'a.'.repeat(50_000)).urls.length, 0);
  const wall = 'x £9 '.repeat(20_000);
  const { amounts } = extractIndicators(wall);
  assert.equal(amounts.length, 1);
  assert.equal(amounts[0].spans.length, 20_000);
  assert.equal(extractIndicators('@'.repeat(100_000)).emails.length, 0);
});
