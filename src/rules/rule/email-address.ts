import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** email_address: an e-mail address whose domain has a real public suffix. */
export const emailAddressRule: Rule = {
  tag: 'email_address',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const emails = ctx.emails;
    if (emails.length === 0) return null;
    return {
      tag: 'email_address',
      reason: `contains the e-mail address ${listOf(emails.map((e) => e.address))}`,
      spans: emails.map((e) => ({ start: e.start, end: e.end })),
    };
  },
};
