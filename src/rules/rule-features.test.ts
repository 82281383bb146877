import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { RULE_FEATURE_DIM, ruleFeatureVector } from './rule-features.js';
import { TAG_NAMES, type Tag } from './tag.js';

test('ruleFeatureVector: 0 when absent, 1 + ln(spans) when present, TAG_NAMES order', () => {
  const tags: Tag[] = [
    { tag: 'link_present', reason: '', spans: [{ start: 0, end: 1 }] },
    { tag: 'money', reason: '', spans: [{ start: 0, end: 1 }, { start: 2, end: 3 }, { start: 4, end: 5 }] },
    { tag: 'impersonation', reason: '', spans: [] },
  ];
  const v = ruleFeatureVector(tags);
  assert.equal(v.length, RULE_FEATURE_DIM);
  assert.equal(RULE_FEATURE_DIM, 26);
  assert.equal(v[TAG_NAMES.indexOf('link_present')], 1);
  assert.ok(Math.abs(v[TAG_NAMES.indexOf('money')] - (1 + Math.log(3))) < 1e-6);
  assert.equal(v[TAG_NAMES.indexOf('impersonation')], 1);
  assert.equal(v.reduce((a, b) => a + b, 0) - v[0] - v[9] - v[25], 0);
});

test('ruleFeatureVector: reuses and clears the output buffer; empty tags give zeros', () => {
  const out = new Float32Array(RULE_FEATURE_DIM).fill(7);
  const v = ruleFeatureVector([], out);
  assert.equal(v, out);
  assert.deepEqual([...v], new Array(RULE_FEATURE_DIM).fill(0));
});

test('ruleFeatureVector: huge span counts stay small', () => {
  const spans = Array.from({ length: 100_000 }, (_, i) => ({ start: i, end: i + 1 }));
  const v = ruleFeatureVector([{ tag: 'excessive_caps', reason: '', spans }]);
  assert.ok(Math.abs(v[TAG_NAMES.indexOf('excessive_caps')] - (1 + Math.log(100_000))) < 1e-5);
});

test('ruleFeatureVector: wrong buffer length or unknown tag is INVALID_INPUT', () => {
  assert.throws(() => ruleFeatureVector([], new Float32Array(3)), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
  const bad = [{ tag: 'nope', reason: '', spans: [] }] as unknown as Tag[];
  assert.throws(() => ruleFeatureVector(bad), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
});
