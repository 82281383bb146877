import { listOf, matchSpans } from '../match-spans.js';
import { MIN_PHONE_DIGITS } from '../../indicators/phone-scan.js';
import type { Rule, Span } from '../tag.js';

/** Per-minute / per-message charges: "150p/min", "£1.50 per msg", "10ppm". */
export const COST_RE = /\b\d{1,4}(?:\.\d{1,2})?p ?(?:\/ ?|per )(?:min(?:ute)?|msg|message|txt|text|wk|week|call|sms|recd|rcvd)\b|£\d{1,3}(?:\.\d{1,2})? ?(?:\/ ?|per )(?:min(?:ute)?|msg|message|txt|text|wk|week|call|sms|recd|rcvd)\b|\b\d{1,4}ppm\b/g;

/** premium_rate_number: UK 09xx / 087x / 084x, US 1-900 / 1-976, or a stated per-minute charge. */
export const premiumRateNumberRule: Rule = {
  tag: 'premium_rate_number',
  // a phone number needs 7 digits; every COST_RE form has a digit before 'p' or '£' before a digit
  mayApply: (ctx) => ctx.hints.digits >= MIN_PHONE_DIGITS || ctx.profile.chargeHint,
  apply(ctx) {
    const premium = ctx.phones.filter((p) => p.premiumRate);
    const costs = matchSpans(COST_RE, ctx.folded);
    if (premium.length === 0 && costs.length === 0) return null;
    const spans: Span[] = [...premium.map((p) => ({ start: p.start, end: p.end })), ...costs].sort((a, b) => a.start - b.start);
    const reason = premium.length > 0
      ? `contains the premium-rate number ${listOf(premium.map((p) => p.raw))}`
      : `states a premium charge ("${ctx.text.slice(costs[0].start, costs[0].end)}")`;
    return { tag: 'premium_rate_number', reason, spans };
  },
};
