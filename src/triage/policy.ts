import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/package-info.js';
import type { Label } from '../data/label.js';
import { wardenError } from '../errors.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Action = 'allow' | 'review' | 'block' | 'block_and_report';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const ACTIONS: readonly Action[] = ['allow', 'review', 'block', 'block_and_report'];

/** Conditions of a policy rule; all given ones must hold. */
export interface Condition {
  label?: Label | Label[];
  is_threat?: boolean;
  min_score?: number;
  max_score?: number;
  any_tags?: string[];
  all_tags?: string[];
  min_tag_count?: number;
  severity?: Severity | Severity[];
}

export interface TriagePolicy {
  version: string;
  description?: string;
  confidence: { high: number; medium: number };
  severity: { when: Condition; severity: Severity }[];
  action: { when: Condition; action: Action }[];
}

/** The tag names a verdict carries. Only membership is asked, so a Set or any cheaper lookup will do. */
export interface TagLookup {
  has(tag: string): boolean;
}

export interface Facts {
  label: Label;
  is_threat: boolean;
  score: number;
  tags: TagLookup;
  severity?: Severity;
}

const oneOf = <T>(want: T | T[] | undefined, have: T): boolean => want === undefined || (Array.isArray(want) ? want.includes(have) : want === have);

/**
 * `matches` with the severity passed apart from the facts: `decide` checks action rules against
 * the severity it just chose without copying the facts per rule. Plain loops, no closures: this
 * runs for every rule of every triaged message.
 */
function holds(c: Condition, f: Facts, severity: Severity | undefined): boolean {
  if (!oneOf(c.label, f.label)) return false;
  if (c.is_threat !== undefined && c.is_threat !== f.is_threat) return false;
  if (c.min_score !== undefined && f.score < c.min_score) return false;
  if (c.max_score !== undefined && f.score > c.max_score) return false;
  if (c.severity !== undefined && (severity === undefined || !oneOf(c.severity, severity))) return false;
  if (c.all_tags) {
    for (let i = 0; i < c.all_tags.length; i++) if (!f.tags.has(c.all_tags[i])) return false;
  }
  if (c.any_tags) {
    let present = 0;
    for (let i = 0; i < c.any_tags.length; i++) if (f.tags.has(c.any_tags[i])) present++;
    if (present < (c.min_tag_count ?? 1)) return false;
  }
  return true;
}

export function matches(c: Condition, f: Facts): boolean {
  return holds(c, f, f.severity);
}

/**
 * A condition with every field present (undefined where the policy gives none) and the same
 * values: one object shape for all of a policy's conditions. Parsed from JSON, each condition has
 * a shape of its own, so `holds` reads its fields through megamorphic lookups — about a hundred
 * per verdict — instead of a load each.
 */
class UniformCondition implements Condition {
  readonly label: Label | Label[] | undefined;
  readonly is_threat: boolean | undefined;
  readonly min_score: number | undefined;
  readonly max_score: number | undefined;
  readonly any_tags: string[] | undefined;
  readonly all_tags: string[] | undefined;
  readonly min_tag_count: number | undefined;
  readonly severity: Severity | Severity[] | undefined;

  constructor(c: Condition) {
    this.label = c.label;
    this.is_threat = c.is_threat;
    this.min_score = c.min_score;
    this.max_score = c.max_score;
    this.any_tags = c.any_tags;
    this.all_tags = c.all_tags;
    this.min_tag_count = c.min_tag_count;
    this.severity = c.severity;
  }
}

/** A policy's rules with uniform conditions, in the same order. */
interface UniformPolicy {
  severity: { when: UniformCondition; severity: Severity }[];
  action: { when: UniformCondition; action: Action }[];
}

/**
 * Uniform copies of the policies `decide` has seen, by identity. A policy is read, never changed,
 * once made (`validatePolicy` freezes it), so a copy stays equal to its source.
 */
const uniformPolicies = new WeakMap<TriagePolicy, UniformPolicy>();

function uniform(policy: TriagePolicy): UniformPolicy {
  let u = uniformPolicies.get(policy);
  if (u === undefined) {
    u = {
      severity: policy.severity.map((r) => ({ when: new UniformCondition(r.when), severity: r.severity })),
      action: policy.action.map((r) => ({ when: new UniformCondition(r.when), action: r.action })),
    };
    uniformPolicies.set(policy, u);
  }
  return u;
}

/** The first severity rule that holds sets the severity; the first action rule that holds for it, the action. */
export function decide(policy: TriagePolicy, facts: Facts): { severity: Severity; action: Action } {
  const { severity: severityRules, action: actionRules } = uniform(policy);
  let severity: Severity = 'low';
  for (let i = 0; i < severityRules.length; i++) {
    const r = severityRules[i];
    if (holds(r.when, facts, facts.severity)) { severity = r.severity ?? 'low'; break; }
  }
  let action: Action = 'allow';
  for (let i = 0; i < actionRules.length; i++) {
    const r = actionRules[i];
    if (holds(r.when, facts, severity)) { action = r.action ?? 'allow'; break; }
  }
  return { severity, action };
}

/** Validates a parsed policy file; errors name the offending rule. */
export function validatePolicy(raw: unknown, source: string): TriagePolicy {
  const bad = (msg: string) => wardenError('CONFIG_INVALID', `${source}: ${msg}`);
  if (typeof raw !== 'object' || raw === null) throw bad('not a JSON object');
  const p = raw as TriagePolicy;
  if (typeof p.version !== 'string') throw bad('"version" must be a string');
  if (!p.confidence || !(p.confidence.high > p.confidence.medium)) throw bad('"confidence" needs high > medium');
  if (!Array.isArray(p.severity) || !Array.isArray(p.action)) throw bad('"severity" and "action" must be lists of rules');
  p.severity.forEach((r, i) => {
    if (!SEVERITIES.includes(r.severity)) throw bad(`severity rule ${i}: unknown severity '${String(r.severity)}'`);
    if (typeof r.when !== 'object' || r.when === null) throw bad(`severity rule ${i}: "when" must be an object`);
  });
  p.action.forEach((r, i) => {
    if (!ACTIONS.includes(r.action)) throw bad(`action rule ${i}: unknown action '${String(r.action)}'`);
    if (typeof r.when !== 'object' || r.when === null) throw bad(`action rule ${i}: "when" must be an object`);
  });
  return deepFreeze(p);
}

/** Freezes an object graph (a parsed policy: plain objects and arrays), so `decide`'s cached copy of it can never go stale. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v); // also below an object frozen already (JSON has no cycles)
  }
  return value;
}

/** The policy's file name inside a model directory. */
export const POLICY_FILE = 'policy.json';

/** The policy shipped with a model, or the default one for models that carry none. */
export function policyForModel(extras: Readonly<Record<string, string>>): TriagePolicy {
  const text = extras[POLICY_FILE];
  if (text === undefined) return loadPolicy();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw wardenError('MODEL_CORRUPT', `the model's ${POLICY_FILE} is not valid JSON`, { cause });
  }
  return validatePolicy(raw, `model ${POLICY_FILE}`);
}

export const DEFAULT_POLICY_PATH = join(PACKAGE_ROOT, 'config', 'triage-policy.json');

export function loadPolicy(path: string = DEFAULT_POLICY_PATH): TriagePolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw wardenError('CONFIG_INVALID', `cannot read triage policy ${path}`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw wardenError('CONFIG_INVALID', `${path} is not valid JSON`, { cause });
  }
  return validatePolicy(raw, path);
}

/** How sure the verdict is: distance of the score from the threshold, scaled to [0, 1]. */
export function confidenceBand(policy: TriagePolicy, score: number, threshold: number): 'high' | 'medium' | 'low' {
  const margin = score >= threshold ? (score - threshold) / Math.max(1 - threshold, 1e-9) : (threshold - score) / Math.max(threshold, 1e-9);
  return margin >= policy.confidence.high ? 'high' : margin >= policy.confidence.medium ? 'medium' : 'low';
}
