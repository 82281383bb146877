/**
 * `decide` reads a uniform-shape copy of the policy's conditions (one object shape, so its field
 * loads stay monomorphic). Guarded here against deciding on the policy's own conditions, as
 * parsed: `matches` on each rule in turn, on the shipped policy and on seeded random policies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../data/random.js';
import type { Label } from '../data/label.js';
import { TAG_NAMES } from '../rules/index.js';
import { ACTIONS, decide, loadPolicy, matches, SEVERITIES, type Action, type Condition, type Facts, type Severity, type TriagePolicy } from './policy.js';

/** decide as first written: the first rule whose parsed condition holds. */
function decideReference(policy: TriagePolicy, facts: Facts): { severity: Severity; action: Action } {
  let severity: Severity = 'low';
  for (const r of policy.severity) if (matches(r.when, facts)) { severity = r.severity ?? 'low'; break; }
  let action: Action = 'allow';
  for (const r of policy.action) if (matches(r.when, { ...facts, severity })) { action = r.action ?? 'allow'; break; }
  return { severity, action };
}

const LABELS: Label[] = ['benign', 'spam', 'phishing'];

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

function someTags(rng: () => number, max: number): string[] {
  const n = Math.floor(rng() * (max + 1));
  return Array.from({ length: n }, () => pick(rng, TAG_NAMES));
}

/** A condition with a random subset of fields, in a random key order (so parsed shapes differ), nulls included. */
function randomCondition(rng: () => number): Condition {
  const fields: [string, () => unknown][] = [
    ['label', () => (rng() < 0.5 ? pick(rng, LABELS) : [pick(rng, LABELS), pick(rng, LABELS)])],
    ['is_threat', () => rng() < 0.5],
    ['min_score', () => (rng() < 0.1 ? null : rng())],
    ['max_score', () => rng()],
    ['any_tags', () => someTags(rng, 4)],
    ['all_tags', () => someTags(rng, 2)],
    ['min_tag_count', () => Math.floor(rng() * 3)],
    ['severity', () => (rng() < 0.5 ? pick(rng, SEVERITIES) : [pick(rng, SEVERITIES), pick(rng, SEVERITIES)])],
  ];
  const c: Record<string, unknown> = {};
  for (const [key, make] of fields.sort(() => rng() - 0.5)) if (rng() < 0.35) c[key] = make();
  return JSON.parse(JSON.stringify(c)) as Condition;
}

function randomPolicy(rng: () => number): TriagePolicy {
  const n = 1 + Math.floor(rng() * 8);
  return {
    version: 'random',
    confidence: { high: 0.8, medium: 0.5 },
    severity: Array.from({ length: n }, () => ({ when: randomCondition(rng), severity: pick(rng, SEVERITIES) })),
    action: Array.from({ length: n }, () => ({ when: randomCondition(rng), action: pick(rng, ACTIONS) })),
  };
}

function randomFacts(rng: () => number): Facts {
  return { label: pick(rng, LABELS), is_threat: rng() < 0.5, score: rng(), tags: new Set(someTags(rng, 5)) };
}

test('decide equals deciding on the parsed conditions: shipped policy and seeded random policies', () => {
  const rng = createRng(20261203);
  const shipped = loadPolicy();
  const outcomes = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    const f = randomFacts(rng);
    const got = decide(shipped, f);
    assert.deepEqual(got, decideReference(shipped, f));
    outcomes.add(`${got.severity}/${got.action}`);
  }
  assert.ok(outcomes.size >= 6, `the shipped policy gave only ${[...outcomes].join(', ')}`);
  for (let p = 0; p < 300; p++) {
    const policy = randomPolicy(rng);
    for (let i = 0; i < 30; i++) {
      const f = randomFacts(rng);
      assert.deepEqual(decide(policy, f), decideReference(policy, f), JSON.stringify({ policy, f: { ...f, tags: [...(f.tags as Set<string>)] } }));
    }
  }
});

test('a policy decided once and a fresh parse of it decide alike (the copy is made per policy object)', () => {
  const a = loadPolicy();
  const b = loadPolicy();
  const f: Facts = { label: 'phishing', is_threat: true, score: 0.95, tags: new Set(['credential_request']) };
  assert.deepEqual(decide(a, f), { severity: 'critical', action: 'block_and_report' });
  assert.deepEqual(decide(b, f), decide(a, f));
  // a different policy object is not answered from another's copy
  const lenient: TriagePolicy = { ...a, severity: [{ when: {}, severity: 'low' }], action: [{ when: {}, action: 'allow' }] };
  assert.deepEqual(decide(lenient, f), { severity: 'low', action: 'allow' });
});

test('a loaded policy is frozen all the way down, so the uniform copy decide keeps cannot go stale', () => {
  const p = loadPolicy();
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.severity) && Object.isFrozen(p.severity[0]) && Object.isFrozen(p.severity[0].when));
  const withTags = p.action.find((r) => Array.isArray(r.when.any_tags) || Array.isArray(r.when.all_tags));
  if (withTags) assert.ok(Object.isFrozen(withTags.when.any_tags ?? withTags.when.all_tags));
  assert.throws(() => {
    (p.severity[0].when as { min_score?: number }).min_score = 0.123;
  }, TypeError);
});
