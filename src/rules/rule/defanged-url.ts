import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** defanged_url: a URL written as hxxp:// or with [.] / (dot), typical of forwarded threat reports or filter evasion. */
export const defangedUrlRule: Rule = {
  tag: 'defanged_url',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const d = ctx.links.filter((l) => l.defanged);
    if (d.length === 0) return null;
    return {
      tag: 'defanged_url',
      reason: `contains a de-fanged link (${listOf(d.map((l) => l.raw))}) that hides it from link filters`,
      spans: d.map((l) => ({ start: l.start, end: l.end })),
    };
  },
};
