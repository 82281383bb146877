import type { Detector } from '../detector/detector.js';
import { extractIndicators, type Indicators } from '../indicators/index.js';
import { createRuleContext, tagText, type Tag } from '../rules/index.js';
import type { Label } from '../data/label.js';
import { confidenceBand, decide, type Action, type Severity, type TagLookup, type TriagePolicy } from './policy.js';
import { templateSummary } from './summary.js';

export interface TopFeature {
  feature: string;
  contribution: number;
  direction: 'up' | 'down';
  spans: { start: number; end: number }[];
}

/** The triage verdict: the same shape from the CLI (`warden triage --json`) and `POST /v1/triage`. */
export interface TriageResult {
  risk_score: number;
  label: Label;
  is_threat: boolean;
  threshold: number;
  confidence: 'high' | 'medium' | 'low';
  severity: Severity;
  action: Action;
  tags: Tag[];
  indicators: Indicators;
  top_features: TopFeature[];
  summary: string;
  summary_source: 'template' | 'llm';
  model_version: string;
  policy_version: string;
}

export interface TriageOptions {
  topFeatures?: number;
  defaultRegion?: string;
}

/** Rounds to 6 decimals (1e6 is 10 ** 6 exactly, so the result is that of Math.round(x * 10 ** 6) / 10 ** 6). */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Tag membership for the policy by a scan of the message's few tags, instead of building a Set per message. */
class TagsPresent implements TagLookup {
  constructor(private readonly tags: readonly Tag[]) {}

  has(name: string): boolean {
    for (let i = 0; i < this.tags.length; i++) if (this.tags[i].tag === name) return true;
    return false;
  }
}

/** Scores, tags, extracts indicators, applies the severity/action policy and writes the summary. */
export function triage(detector: Detector, text: string, policy: TriagePolicy, opts: TriageOptions = {}): TriageResult {
  // One parse of links and phone numbers, shared by the rules and the indicator extraction.
  const ctx = createRuleContext(text, { defaultRegion: opts.defaultRegion ?? 'GB' });
  const tags = tagText(ctx);
  const indicators = extractIndicators(ctx);
  const p = detector.score(text, tags, true);
  const { severity, action } = decide(policy, {
    label: p.label,
    is_threat: p.isThreat,
    score: p.riskScore,
    tags: new TagsPresent(tags),
  });
  // an ASCII text's folded form is its lower-case form, which explain locates features in
  const lower = ctx.profile.ascii ? ctx.folded : undefined;
  const top_features = detector.explain(text, opts.topFeatures ?? 6, tags, lower).map((c) => ({
    feature: c.feature,
    contribution: round(c.contribution),
    direction: c.contribution >= 0 ? ('up' as const) : ('down' as const),
    spans: c.spans,
  }));
  return {
    risk_score: round(p.riskScore),
    label: p.label,
    is_threat: p.isThreat,
    threshold: round(p.threshold),
    confidence: confidenceBand(policy, p.riskScore, p.threshold),
    severity,
    action,
    tags,
    indicators,
    top_features,
    summary: templateSummary({ text, label: p.label, riskScore: p.riskScore, severity, action, tags, indicators }),
    summary_source: 'template',
    model_version: detector.version,
    policy_version: policy.version,
  };
}
