import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, tagOf } from '../../../test/support/tag-spans.js';
import { tagText } from '../tag-text.js';
import type { Span, TagName } from '../tag.js';

/** Span of the n-th occurrence of `phrase` in `text`, found independently of the code under test. */
function names(text: string): TagName[] {
  return tagText(text).map((t) => t.tag);
}

test('link_present: spans cover each URL, reason names the host', () => {
  const text = 'Your parcel: https://track.example.co.uk/p/123, or see www.getzed.co.uk.';
  const tag = tagOf(text, 'link_present');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'https://track.example.co.uk/p/123'), at(text, 'www.getzed.co.uk')]);
  assert.equal(tag.reason, 'contains 2 links (track.example.co.uk and www.getzed.co.uk)');
  assert.deepEqual(tag.spans[0], { start: 13, end: 46 });
});

test('link_present: no link in plain chat, abbreviations or missing spaces', () => {
  for (const text of ['Ok lar... Joking wif u oni...', 'e.g. this one', 'I was in pain.it hurt', 'so.so tired', 'claim your prize.To enter', '']) {
    assert.equal(tagOf(text, 'link_present'), null, text);
  }
});

test('short_url: bit.ly and tinyurl links are tagged, a friend\'s youtube link is not', () => {
  const text = 'Claim now bit.ly/3xYz or https://tinyurl.com/abc';
  const tag = tagOf(text, 'short_url');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'bit.ly/3xYz'), at(text, 'https://tinyurl.com/abc')]);
  assert.match(tag.reason, /bit\.ly and tinyurl\.com shortened URL/);
  assert.equal(tagOf('check out this video https://youtube.com/watch?v=dQw4w9WgXcQ', 'short_url'), null);
});

test('ip_url: a link to a bare IPv4 address', () => {
  const text = 'Login at http://192.168.10.5/secure now';
  const tag = tagOf(text, 'ip_url');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'http://192.168.10.5/secure')]);
  assert.match(tag.reason, /192\.168\.10\.5/);
  assert.equal(tagOf('version 1.2.3 is out', 'ip_url'), null);
  assert.equal(tagOf('see https://example.com/1.2.3.4', 'ip_url'), null);
});

test('suspicious_tld: .xyz / .top / .ru links and e-mail domains; .com and .co.uk are not', () => {
  const text = 'Go to http://win-cash.xyz/now or mail claims@prize.top';
  const tag = tagOf(text, 'suspicious_tld');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'http://win-cash.xyz/now'), at(text, 'claims@prize.top')]);
  assert.equal(tag.reason, 'uses the often-abused top-level domain .xyz and .top');
  assert.equal(tagOf('check out this video https://youtube.com/watch?v=abc', 'suspicious_tld'), null);
  assert.equal(tagOf('see www.bbc.co.uk/news', 'suspicious_tld'), null);
});

test('lookalike_domain: brand inside a foreign domain, digit spelling, near miss, punycode, homoglyph', () => {
  const cases: [string, string, RegExp][] = [
    ['Verify at https://paypal-secure-login.com/x', 'https://paypal-secure-login.com/x', /names PayPal but the link goes to paypal-secure-login\.com/],
    ['Go to http://paypa1.com now', 'http://paypa1.com', /spells PayPal with digits/],
    ['Track: https://amazom.co.uk/track', 'https://amazom.co.uk/track', /one letter away from Amazon/],
    ['Login https://xn--pypal-4ve.com', 'https://xn--pypal-4ve.com', /imitates PayPal with look-alike characters/],
    ['Login https://pаypal.com/a', 'https://pаypal.com/a', /imitates PayPal with look-alike characters/],
    ['Redelivery: royalmail.parcel-fee.info/pay', 'royalmail.parcel-fee.info/pay', /names Royal Mail/],
  ];
  for (const [text, link, reason] of cases) {
    const tag = tagOf(text, 'lookalike_domain');
    assert.ok(tag, text);
    assert.deepEqual(tag.spans, [at(text, link)], text);
    assert.match(tag.reason, reason, text);
  }
});

test('lookalike_domain: real brand domains and unrelated sites are not look-alikes', () => {
  for (const text of [
    'check out this video https://youtube.com/watch?v=dQw4w9WgXcQ',
    'Your statement: https://www.paypal.com/myaccount',
    'Track at https://www.royalmail.com/track-your-item',
    'Order at https://www.amazon.co.uk/gp/css',
    'Mail me at jo.bloggs@gmail.com',
    'Our menu: https://www.riverside-cafe.co.uk/menu',
  ]) {
    assert.equal(tagOf(text, 'lookalike_domain'), null, text);
  }
});

test('url_text_mismatch: names amazon.com but links to evil.xyz', () => {
  const text = 'visit amazon.com: http://evil.xyz';
  const tag = tagOf(text, 'url_text_mismatch');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [{ start: 6, end: 16 }, { start: 18, end: 33 }]);
  assert.equal(tag.reason, 'names amazon.com but links to evil.xyz');
  assert.equal(tagOf('see amazon.com or https://www.amazon.com/deals', 'url_text_mismatch'), null);
  assert.equal(tagOf('only http://evil.xyz here', 'url_text_mismatch'), null);
});

test('defanged_url: hxxp, [.] and (dot) are restored and tagged with the whole token', () => {
  const text = 'IOC: hxxp://evil[.]com/payload and bad(dot)ru.';
  const tag = tagOf(text, 'defanged_url');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'hxxp://evil[.]com/payload'), at(text, 'bad(dot)ru')]);
  assert.ok(names(text).includes('link_present'));
  assert.equal(tagOf('brackets [like this] and (dots) are fine.', 'defanged_url'), null);
});
