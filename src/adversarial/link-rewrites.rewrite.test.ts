import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter, linkSpans } from './index.js';

test('linkSpans finds URLs, bare domains and e-mail addresses', () => {
  const text = 'a http://bit.ly/x b paypal-secure.com/login c x@y.com';
  assert.deepEqual(linkSpans(text).map((s) => text.slice(s.start, s.end)), ['http://bit.ly/x', 'paypal-secure.com/login', 'x@y.com']);
  assert.deepEqual(linkSpans('no links here, ok.lar'), []);
});

test('defang-links rewrites the scheme and the host dots, keeps the path and the other text', () => {
  const rw = createRewriter({ type: 'defang-links', rate: 1 }, 1);
  assert.equal(rw('Verify at https://secure.bank.example.com/a.b?x=1 now'), 'Verify at hxxps://secure[.]bank[.]example[.]com/a.b?x=1 now');
  assert.equal(rw('see www.foo.co.uk'), 'see www[.]foo[.]co[.]uk');
  assert.equal(rw('already hxxp://evil[.]com here'), 'already hxxp://evil[.]com here');
  assert.equal(rw('mail x@y.com'), 'mail x@y.com');
});

test('link-style bare-domain drops the scheme and www but keeps the path', () => {
  const rw = createRewriter({ type: 'link-style', rate: 1, style: 'bare-domain' }, 1);
  assert.equal(rw('Go https://www.example.com/claim?id=7 now'), 'Go example.com/claim?id=7 now');
  assert.equal(rw('Go example.com/claim now'), 'Go example.com/claim now');
});

test('link-style ip swaps the host for a public-looking IPv4 address', () => {
  const out = createRewriter({ type: 'link-style', rate: 1, style: 'ip' }, 3)('Go https://example.com/claim now');
  const m = /^Go http:\/\/(\d+)\.(\d+)\.(\d+)\.(\d+)\/claim now$/.exec(out);
  assert.ok(m, out);
  const octets = m.slice(1).map(Number);
  assert.ok(octets[0] >= 11 && octets[0] <= 223 && octets[0] !== 127);
  assert.ok(octets.every((o) => o >= 0 && o <= 255));
});

test('link-style shortener swaps the link for a 7-character shortener code', () => {
  const out = createRewriter({ type: 'link-style', rate: 1, style: 'shortener' }, 4)('Go https://example.com/claim now');
  assert.match(out, /^Go https:\/\/(bit\.ly|tinyurl\.com|is\.gd|cutt\.ly|t\.ly)\/[A-Za-z0-9]{7} now$/);
});
