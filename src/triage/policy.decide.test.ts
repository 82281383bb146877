import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confidenceBand, decide, loadPolicy, matches, validatePolicy, type Facts } from './policy.js';

const policy = loadPolicy();
const facts = (f: Partial<Omit<Facts, 'tags'>> & { tags?: string[] }): Facts => ({
  label: f.label ?? 'benign',
  is_threat: f.is_threat ?? false,
  score: f.score ?? 0.01,
  tags: new Set(f.tags ?? []),
});

test('the shipped policy: phishing asking for credentials is critical → block_and_report', () => {
  assert.deepEqual(decide(policy, facts({ label: 'phishing', is_threat: true, score: 0.97, tags: ['credential_request', 'short_url'] })), { severity: 'critical', action: 'block_and_report' });
});

test('plain phishing is high → block; spam is medium, blocked only when very likely', () => {
  assert.deepEqual(decide(policy, facts({ label: 'phishing', is_threat: true, score: 0.8 })), { severity: 'high', action: 'block' });
  assert.deepEqual(decide(policy, facts({ label: 'spam', is_threat: true, score: 0.95 })), { severity: 'medium', action: 'block' });
  assert.deepEqual(decide(policy, facts({ label: 'spam', is_threat: true, score: 0.6 })), { severity: 'medium', action: 'review' });
});

test('a benign verdict with a look-alike domain and some risk is sent to review, a plain benign one allowed', () => {
  assert.deepEqual(decide(policy, facts({ score: 0.3, tags: ['lookalike_domain'] })), { severity: 'medium', action: 'review' });
  assert.deepEqual(decide(policy, facts({ score: 0.01, tags: ['link_present'] })), { severity: 'low', action: 'allow' });
  assert.deepEqual(decide(policy, facts({ score: 0.3 })), { severity: 'low', action: 'review' });
});

test("a bank's genuine one-time-code notice (benign, no credential_request tag) is allowed", () => {
  assert.deepEqual(decide(policy, facts({ score: 0.02, tags: ['phone_number'] })), { severity: 'low', action: 'allow' });
});

test('confidence bands measure the distance from the threshold on each side', () => {
  assert.equal(confidenceBand(policy, 0.99, 0.5), 'high');
  assert.equal(confidenceBand(policy, 0.8, 0.5), 'medium'); // (0.8-0.5)/0.5 = 0.6
  assert.equal(confidenceBand(policy, 0.55, 0.5), 'low');
  assert.equal(confidenceBand(policy, 0.05, 0.5), 'high'); // (0.5-0.05)/0.5 = 0.9
  assert.equal(confidenceBand(policy, 0.2, 0.5), 'medium');
});

test('validatePolicy names the bad rule', () => {
  const bad = { version: 'x', confidence: { high: 0.8, medium: 0.5 }, severity: [{ when: {}, severity: 'apocalyptic' }], action: [] };
  assert.throws(() => validatePolicy(bad, 'p.json'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.match(err.message, /p\.json: severity rule 0: unknown severity 'apocalyptic'/);
    return true;
  });
  assert.throws(() => validatePolicy({ version: 'x', confidence: { high: 0.2, medium: 0.5 }, severity: [], action: [] }, 'q'), /high > medium/);
  assert.throws(() => validatePolicy(null, 'q'), /not a JSON object/);
});

test('decide takes any tag lookup, and checks action rules against the severity it chose', () => {
  const tags = ['credential_request', 'short_url'];
  const lookup = { has: (t: string) => tags.includes(t) };
  assert.deepEqual(decide(policy, { label: 'phishing', is_threat: true, score: 0.97, tags: lookup }), { severity: 'critical', action: 'block_and_report' });
  // a severity given in the facts is ignored by the action rules in favour of the one decided
  assert.deepEqual(decide(policy, { ...facts({ score: 0.01 }), severity: 'critical' }), { severity: 'low', action: 'allow' });
  assert.equal(matches({ severity: 'critical' }, { ...facts({}), severity: 'critical' }), true);
  assert.equal(matches({ severity: ['high', 'critical'] }, facts({})), false);
  assert.equal(matches({ any_tags: ['urgency', 'prize', 'money'], min_tag_count: 2 }, facts({ tags: ['prize', 'money'] })), true);
  assert.equal(matches({ all_tags: ['prize', 'money'] }, facts({ tags: ['prize'] })), false);
});
