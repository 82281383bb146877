import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractIndicators } from '../indicators/extract-indicators.js';
import { DEFAULT_RULES } from './default-rules.js';
import { createRuleContext } from './rule-context.js';
import { TAG_NAMES, type Rule } from './tag.js';
import { tagText } from './tag-text.js';
import { isWardenError } from '../errors.js';

test('DEFAULT_RULES has exactly one rule per tag, in TAG_NAMES order', () => {
  assert.equal(TAG_NAMES.length, 26);
  assert.deepEqual(DEFAULT_RULES.map((r) => r.tag), [...TAG_NAMES]);
});

test('tagText: a phishing SMS gets the expected tags, in TAG_NAMES order', () => {
  const text = 'URGENT! Your PayPal account is locked. Verify your account at http://paypal-secure.xyz/login within 24 hours!!!';
  assert.deepEqual(tagText(text).map((t) => t.tag), [
    'link_present', 'suspicious_tld', 'lookalike_domain', 'urgency', 'threat_of_loss', 'account_action',
    'excessive_punctuation', 'impersonation',
  ]);
});

test('tagText: benign messages carry no risk tags', () => {
  assert.deepEqual(tagText('check out this video https://youtube.com/watch?v=dQw4w9WgXcQ').map((t) => t.tag), ['link_present']);
  assert.deepEqual(tagText('Your Barclays code is 123456. Never share it with anyone.'), []);
  assert.deepEqual(tagText("I'll call you at 5"), []);
  assert.deepEqual(tagText(''), []);
});

test('tagText: custom rules run in the given set and come back in TAG_NAMES order', () => {
  const always = (tag: Rule['tag']): Rule => ({ tag, apply: () => ({ tag, reason: 'always', spans: [] }) });
  const tags = tagText('hello', [always('impersonation'), always('link_present'), always('money')]);
  assert.deepEqual(tags.map((t) => t.tag), ['link_present', 'money', 'impersonation']);
});

test('tagText accepts a RuleContext and shares its parse with extractIndicators', () => {
  const ctx = createRuleContext('Pay the fee at hxxp://evil[.]com');
  const tags = tagText(ctx);
  const links = ctx.links;
  const iocs = extractIndicators(ctx);
  assert.equal(ctx.links, links, 'links are parsed once and cached');
  assert.deepEqual(tags.map((t) => t.tag), ['link_present', 'defanged_url', 'payment_request']);
  assert.equal(iocs.urls[0].normalized, 'http://evil.com');
});

test('tagText: non-string input is an INVALID_INPUT error', () => {
  assert.throws(() => tagText(42 as unknown as string), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
});

test('tagText: every span indexes the original text (offsets survive homoglyph folding)', () => {
  const text = 'АCT NOW: vеrify your аccount at https://pаypal-login.com ﹗';
  for (const t of tagText(text)) {
    for (const s of t.spans) {
      assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end, `${t.tag} ${JSON.stringify(s)}`);
    }
  }
  const urgency = tagText(text).find((t) => t.tag === 'urgency');
  assert.deepEqual(urgency?.spans, [{ start: 0, end: 7 }]);
  assert.equal(text.slice(0, 7), 'АCT NOW');
});
