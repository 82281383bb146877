/**
 * `triage` shares one parse between rules and indicators, skips rules by their pre-checks, reads
 * the scored features back for the explanation and looks tags up without building sets or maps.
 * Guarded here against the plain path: every rule applied in full, indicators from a fresh parse,
 * the explanation from a detector that never scored the text, the policy asked with a Set, and the
 * summary's phrases written from a Map of the tags — deep-equal, on bundled data and seeded variants.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_DATASETS } from '../data/bundled.js';
import { loadDataset } from '../data/load-dataset.js';
import { createRng } from '../data/random.js';
import type { Detector } from '../detector/detector.js';
import { loadDetector } from '../detector/load-detector.js';
import { extractIndicators, MessageScan } from '../indicators/index.js';
import { createRuleContext, DEFAULT_RULES, type Tag } from '../rules/index.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { confidenceBand, decide, loadPolicy, type TriagePolicy } from './policy.js';
import { triage, type TriageResult } from './triage.js';

const round = (x: number): number => Math.round(x * 10 ** 6) / 10 ** 6;
const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The summary as first written: phrases looked up in a Map of the tags. */
function summaryReference(r: Omit<TriageResult, 'summary'>, text: string, riskScore: number): string {
  const by = new Map(r.tags.map((t) => [t.tag as string, t]));
  const q = (name: string): string => {
    const span = by.get(name)?.spans[0];
    return span ? clip(text.slice(span.start, span.end).replace(/\s+/g, ' ').trim()) : '';
  };
  const out: string[] = [];
  const url = r.indicators.urls[0];
  const shortUrl = r.indicators.urls.find((u) => u.shortened);
  if (by.has('credential_request')) out.push(`asks for credentials ("${q('credential_request')}")`);
  else if (by.has('account_action')) out.push(`asks the recipient to act on an account ("${q('account_action')}")`);
  if (by.has('personal_data_request')) out.push(`asks for personal data ("${q('personal_data_request')}")`);
  if (by.has('payment_request')) out.push(`requests a payment ("${q('payment_request')}")`);
  if (by.has('prize')) out.push(`promises a prize or reward ("${q('prize')}")`);
  if (by.has('impersonation')) out.push(`appears to impersonate "${q('impersonation')}"`);
  if (by.has('lookalike_domain')) out.push(`links to a look-alike domain (${q('lookalike_domain')})`);
  else if (shortUrl) out.push(`through a shortened link (${clip(shortUrl.domain ?? shortUrl.normalized, 30)}/…)`);
  else if (by.has('ip_url')) out.push('through a link to a bare IP address');
  else if (url) out.push(`with a link to ${clip(url.registeredDomain ?? url.domain ?? url.normalized, 40)}`);
  if (by.has('url_text_mismatch')) out.push('where the link does not match the site named in the text');
  if (by.has('premium_rate_number')) out.push(`asks to call a premium-rate number (${q('premium_rate_number')})`);
  if (by.has('threat_of_loss')) out.push(`threatens a loss ("${q('threat_of_loss')}")`);
  if (by.has('urgency')) out.push(`with urgency ("${q('urgency')}")`);
  if (by.has('crypto')) out.push('mentions cryptocurrency');
  if (by.has('obfuscation')) out.push('uses obfuscated characters');
  if (by.has('reply_stop') && out.length < 2) out.push('uses subscription-style opt-out wording');
  const pct = `${Math.round(riskScore * 100)}%`;
  const head = r.label === 'phishing' ? `Likely phishing (${pct})` : r.label === 'spam' ? `Likely spam (${pct})`
    : r.action === 'review' ? `Possibly risky, review advised (risk ${pct})` : `Likely benign (risk ${pct})`;
  const parts = out.slice(0, 4);
  if (parts.length === 0) return r.label === 'benign' ? `${head}: no risky signals found.` : `${head}: the wording resembles known ${r.label} messages.`;
  return `${head}: ${parts.join(', ')}.`;
}

function triageReference(scorer: Detector, explainer: Detector, text: string, policy: TriagePolicy, k: number, region: string): TriageResult {
  const ctx = createRuleContext(text, { defaultRegion: region });
  const tags: Tag[] = [];
  for (const rule of DEFAULT_RULES) {
    const tag = rule.apply(ctx);
    if (tag !== null) tags.push(tag);
  }
  const indicators = extractIndicators(new MessageScan(text, { defaultRegion: region }));
  const p = scorer.score(text, tags);
  const { severity, action } = decide(policy, { label: p.label, is_threat: p.isThreat, score: p.riskScore, tags: new Set(tags.map((t) => t.tag)) });
  const top_features = explainer.explain(text, k, tags).map((c) => ({
    feature: c.feature,
    contribution: round(c.contribution),
    direction: c.contribution >= 0 ? ('up' as const) : ('down' as const),
    spans: c.spans,
  }));
  const r = {
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
    summary_source: 'template' as const,
    model_version: scorer.version,
    policy_version: policy.version,
  };
  return { ...r, summary: summaryReference(r, text, p.riskScore) };
}

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', i: 'і' };
const LEET: Record<string, string> = { e: '3', o: '0', a: '4', s: '5', i: '1', l: '1', t: '7' };

test('triage equals the plain reference path on bundled data and seeded adversarial variants', async () => {
  const dir = await tinyModelDir();
  const detector = await loadDetector(dir);
  const scorer = await loadDetector(dir);
  const explainer = await loadDetector(dir);
  const policy = loadPolicy();
  const ds = await loadDataset(BUNDLED_DATASETS);
  const rng = createRng(20261201);
  const seen = { tags: 0, urls: 0, phones: 0, summaries: new Set<string>() };
  for (let n = 0; n < 2500; n++) {
    const base = ds.rows[Math.floor(rng() * ds.rows.length)].text;
    const text = [
      base,
      base.toUpperCase(),
      base.replace(/[aeopcyxi]/g, (ch) => (rng() < 0.3 ? CYRILLIC[ch] : ch)),
      base.replace(/[eoasilt]/g, (ch) => (rng() < 0.3 ? LEET[ch] : ch)),
      base.replace(/ /g, (ch) => (rng() < 0.1 ? '\u200b' + ch : ch)),
      `${base} Verify at hxxp://paypa1-secure[.]xyz/login or call 09061701461, £5`,
    ][n % 6];
    const k = n % 7 === 0 ? 3 : 6;
    const region = n % 11 === 0 ? 'US' : 'GB';
    const got = triage(detector, text, policy, { topFeatures: k, defaultRegion: region });
    assert.deepEqual(got, triageReference(scorer, explainer, text, policy, k, region), JSON.stringify(text));
    if (got.tags.length > 0) seen.tags++;
    if (got.indicators.urls.length > 0) seen.urls++;
    if (got.indicators.phones.length > 0) seen.phones++;
    seen.summaries.add(got.summary.replace(/\(.*?\)|"[^"]*"/g, ''));
  }
  // the sample reaches tags, links, phones and many summary shapes, not just the empty case
  assert.ok(seen.tags > 1500 && seen.urls > 400 && seen.phones > 400, JSON.stringify({ ...seen, summaries: seen.summaries.size }));
  assert.ok(seen.summaries.size > 50, `only ${seen.summaries.size} summary shapes`);
});
