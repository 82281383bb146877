import type { Span } from '../indicators/span.js';
import type { RuleContext } from './rule-context.js';
import type { WordTrigger } from './word-triggers.js';

export type { Span } from '../indicators/span.js';

export type TagName =
  | 'link_present' | 'short_url' | 'ip_url' | 'suspicious_tld' | 'lookalike_domain' | 'url_text_mismatch' | 'defanged_url'
  | 'urgency' | 'threat_of_loss' | 'money' | 'prize' | 'crypto' | 'payment_request'
  | 'account_action' | 'credential_request' | 'personal_data_request'
  | 'phone_number' | 'premium_rate_number' | 'short_code' | 'email_address' | 'reply_stop' | 'call_to_action'
  | 'obfuscation' | 'excessive_caps' | 'excessive_punctuation' | 'impersonation';

/** Every tag, in a fixed order that is also the order of `ruleFeatureVector` — append only, never reorder. */
export const TAG_NAMES: readonly TagName[] = Object.freeze([
  'link_present', 'short_url', 'ip_url', 'suspicious_tld', 'lookalike_domain', 'url_text_mismatch', 'defanged_url',
  'urgency', 'threat_of_loss', 'money', 'prize', 'crypto', 'payment_request',
  'account_action', 'credential_request', 'personal_data_request',
  'phone_number', 'premium_rate_number', 'short_code', 'email_address', 'reply_stop', 'call_to_action',
  'obfuscation', 'excessive_caps', 'excessive_punctuation', 'impersonation',
] as const);

/** A tag on a message: what, why in plain language, and where (spans into the original text). */
export interface Tag {
  tag: TagName;
  reason: string;
  spans: Span[];
  weight?: number;
}

/** One small independent check. Returns null when the message does not carry the tag. */
export interface Rule {
  readonly tag: TagName;
  apply(ctx: RuleContext): Tag | null;
  /**
   * Optional cheap pre-check (from the context's one-pass profile or scan hints): false only when
   * `apply` would return null, so `tagText` can skip the rule. Never changes the result.
   */
  mayApply?(ctx: RuleContext): boolean;
  /**
   * Set on rules whose `mayApply` is exactly `ctx.profile.fires(trigger)` (a word trigger,
   * word-triggers.ts): `tagText` then tests the trigger itself, a mask compare, instead of a call
   * through the rule (one call site for all rules, so each is a slow, unpredictable call).
   */
  readonly trigger?: WordTrigger;
}
