import { MIN_PHONE_DIGITS } from '../../indicators/phone-scan.js';
import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** phone_number: a number libphonenumber accepts as valid for its region. */
export const phoneNumberRule: Rule = {
  tag: 'phone_number',
  // a phone number needs 7 digits
  mayApply: (ctx) => ctx.hints.digits >= MIN_PHONE_DIGITS,
  apply(ctx) {
    const phones = ctx.phones;
    if (phones.length === 0) return null;
    return {
      tag: 'phone_number',
      reason: `contains the phone number ${listOf(phones.map((p) => p.e164 ?? p.raw))}`,
      spans: phones.map((p) => ({ start: p.start, end: p.end })),
    };
  },
};
