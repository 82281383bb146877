import { lookalikeReason } from '../lookalike.js';
import type { Rule, Span } from '../tag.js';

/** lookalike_domain: a link or e-mail domain imitates a brand (paypal-secure-login.com, paypa1.com, pаypal.com, xn--…). */
export const lookalikeDomainRule: Rule = {
  tag: 'lookalike_domain',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const spans: Span[] = [];
    let reason: string | null = null;
    for (const l of ctx.links) {
      if (l.isIp || l.hostname === null) continue;
      const r = lookalikeReason(l.hostname, l.registeredDomain, l.publicSuffix);
      if (r !== null) { reason ??= r; spans.push({ start: l.start, end: l.end }); }
    }
    for (const e of ctx.emails) {
      const r = lookalikeReason(e.domain, e.registeredDomain, e.publicSuffix);
      if (r !== null) { reason ??= r; spans.push({ start: e.start, end: e.end }); }
    }
    if (reason === null) return null;
    spans.sort((a, b) => a.start - b.start);
    return { tag: 'lookalike_domain', reason, spans };
  },
};
