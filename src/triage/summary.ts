import type { Tag } from '../rules/index.js';
import type { Indicators } from '../indicators/index.js';
import type { Label } from '../data/label.js';
import type { Action, Severity } from './policy.js';

export interface SummaryInput {
  text: string;
  label: Label;
  riskScore: number;
  severity: Severity;
  action: Action;
  tags: readonly Tag[];
  indicators: Indicators;
}

const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function quote(text: string, tag: Tag | undefined): string {
  const span = tag?.spans[0];
  return span ? clip(text.slice(span.start, span.end).replace(/\s+/g, ' ').trim()) : '';
}

/**
 * The tag named `name` among a message's few tags, by a scan instead of an index built per
 * message (most carry under five). The last one wins, as it would in a Map built from the list.
 */
function find(tags: readonly Tag[], name: string): Tag | undefined {
  for (let i = tags.length - 1; i >= 0; i--) if (tags[i].tag === name) return tags[i];
  return undefined;
}

/** Phrases in the order they read best; each appears only if its tag fired. */
function phrases(input: SummaryInput): string[] {
  // every phrase needs a tag or a link: most messages have neither
  if (input.tags.length === 0 && input.indicators.urls.length === 0) return [];
  const tags = input.tags;
  const has = (name: string): boolean => find(tags, name) !== undefined;
  const q = (name: string) => quote(input.text, find(tags, name));
  const out: string[] = [];
  const url = input.indicators.urls[0];
  const shortUrl = input.indicators.urls.find((u) => u.shortened);
  if (has('credential_request')) out.push(`asks for credentials ("${q('credential_request')}")`);
  else if (has('account_action')) out.push(`asks the recipient to act on an account ("${q('account_action')}")`);
  if (has('personal_data_request')) out.push(`asks for personal data ("${q('personal_data_request')}")`);
  if (has('payment_request')) out.push(`requests a payment ("${q('payment_request')}")`);
  if (has('prize')) out.push(`promises a prize or reward ("${q('prize')}")`);
  if (has('impersonation')) out.push(`appears to impersonate "${q('impersonation')}"`);
  if (has('lookalike_domain')) out.push(`links to a look-alike domain (${q('lookalike_domain')})`);
  else if (shortUrl) out.push(`through a shortened link (${clip(shortUrl.domain ?? shortUrl.normalized, 30)}/…)`);
  else if (has('ip_url')) out.push('through a link to a bare IP address');
  else if (url) out.push(`with a link to ${clip(url.registeredDomain ?? url.domain ?? url.normalized, 40)}`);
  if (has('url_text_mismatch')) out.push('where the link does not match the site named in the text');
  if (has('premium_rate_number')) out.push(`asks to call a premium-rate number (${q('premium_rate_number')})`);
  if (has('threat_of_loss')) out.push(`threatens a loss ("${q('threat_of_loss')}")`);
  if (has('urgency')) out.push(`with urgency ("${q('urgency')}")`);
  if (has('crypto')) out.push('mentions cryptocurrency');
  if (has('obfuscation')) out.push('uses obfuscated characters');
  if (has('reply_stop') && out.length < 2) out.push('uses subscription-style opt-out wording');
  return out;
}

/** '0%' … '100%', made once: a summary's percentage without a number-to-string conversion each time. */
const PERCENTS: readonly string[] = Array.from({ length: 101 }, (_, i) => `${i}%`);

function headline(input: SummaryInput): string {
  const p = Math.round(input.riskScore * 100);
  const pct = PERCENTS[p] ?? `${p}%`; // -0 reads PERCENTS[0], as `${-0}` is '0'
  if (input.label === 'phishing') return `Likely phishing (${pct})`;
  if (input.label === 'spam') return `Likely spam (${pct})`;
  if (input.action === 'review') return `Possibly risky, review advised (risk ${pct})`;
  return `Likely benign (risk ${pct})`;
}

/** A short, deterministic plain-English summary of a verdict (no network needed). */
export function templateSummary(input: SummaryInput): string {
  const parts = phrases(input).slice(0, 4);
  if (parts.length === 0) {
    return input.label === 'benign' ? `${headline(input)}: no risky signals found.` : `${headline(input)}: the wording resembles known ${input.label} messages.`;
  }
  return `${headline(input)}: ${parts.join(', ')}.`;
}
