import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** ip_url: a link points at a bare IP address instead of a domain name. */
export const ipUrlRule: Rule = {
  tag: 'ip_url',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const ip = ctx.links.filter((l) => l.isIp);
    if (ip.length === 0) return null;
    return {
      tag: 'ip_url',
      reason: `links to a bare IP address (${listOf(ip.map((l) => l.hostname ?? l.raw))}) instead of a named website`,
      spans: ip.map((l) => ({ start: l.start, end: l.end })),
    };
  },
};
