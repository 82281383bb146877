import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** link_present: the message contains at least one URL (de-fanged ones included). */
export const linkPresentRule: Rule = {
  tag: 'link_present',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const links = ctx.links;
    if (links.length === 0) return null;
    const hosts = links.map((l) => l.hostname ?? l.raw);
    const reason = links.length === 1 ? `contains a link to ${hosts[0]}` : `contains ${links.length} links (${listOf(hosts)})`;
    return { tag: 'link_present', reason, spans: links.map((l) => ({ start: l.start, end: l.end })) };
  },
};
