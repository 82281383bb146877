import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/**
 * Top-level domains that are cheap or free to register and over-represented in abuse reports
 * (Spamhaus / Interisle "most abused TLDs"). Legitimate sites use them too, hence a weak signal.
 */
export const SUSPICIOUS_TLDS: ReadonlySet<string> = new Set([
  'xyz', 'top', 'club', 'online', 'site', 'icu', 'live', 'click', 'link', 'info', 'biz',
  'ru', 'cn', 'tk', 'ml', 'ga', 'cf', 'gq', 'su', 'pw', 'cc', 'ws',
  'buzz', 'rest', 'cam', 'cyou', 'sbs', 'cfd', 'monster', 'quest', 'bid', 'loan', 'win', 'work',
  'fun', 'space', 'website', 'shop', 'store', 'vip', 'support', 'help', 'today', 'mobi', 'zip', 'mov',
]);

/** suspicious_tld: a link or e-mail domain ends in a frequently abused top-level domain. */
export const suspiciousTldRule: Rule = {
  tag: 'suspicious_tld',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const hits: { start: number; end: number; tld: string }[] = [];
    for (const l of ctx.links) if (l.tld !== null && SUSPICIOUS_TLDS.has(l.tld)) hits.push({ start: l.start, end: l.end, tld: l.tld });
    for (const e of ctx.emails) {
      const tld = e.domain.slice(e.domain.lastIndexOf('.') + 1);
      if (SUSPICIOUS_TLDS.has(tld)) hits.push({ start: e.start, end: e.end, tld });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => a.start - b.start);
    return {
      tag: 'suspicious_tld',
      reason: `uses the often-abused top-level domain ${listOf(hits.map((h) => '.' + h.tld))}`,
      spans: hits.map((h) => ({ start: h.start, end: h.end })),
    };
  },
};
