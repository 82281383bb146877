import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** money: an amount with a currency symbol, code or word ("£1000", "$5", "100 pounds", "150p"). */
export const moneyRule: Rule = {
  tag: 'money',
  // every amount holds a digit
  mayApply: (ctx) => ctx.hints.digits > 0,
  apply(ctx) {
    const amounts = ctx.amounts;
    if (amounts.length === 0) return null;
    return {
      tag: 'money',
      reason: `mentions money (${listOf(amounts.map((a) => a.raw))})`,
      spans: amounts.map((a) => ({ start: a.start, end: a.end })),
    };
  },
};
