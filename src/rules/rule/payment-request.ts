import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

export const PAYMENT_RE = /\b(?:(?:itunes|google ?play|steam|amazon|apple|ebay|visa) (?:gift )?(?:cards?|vouchers?)|gift ?cards?|bank transfer|wire (?:transfer|the money|money|funds)|western union|moneygram|pay(?:ment)? (?:now|today|immediately|here|online|by)|pay (?:the|a|your|this|our|an) (?:small |outstanding |unpaid )?(?:fee|balance|bill|fine|charge|invoice|amount|deposit)|(?:delivery|redelivery|re-delivery|release|customs|processing|handling|admin|shipping|small|unpaid|clearance) (?:fee|charge)s?|outstanding (?:balance|payment|amount|debt|invoice)|unpaid (?:bill|invoice|balance|tax|toll)|settle (?:your|the) (?:bill|balance|debt|payment|account)|send (?:money|payment|funds|the money)|make (?:a|the) payment|fees?)\b/g;

/**
 * A word every PAYMENT_RE phrase holds: "… gift card" has "card" or "voucher", "… fee" has "fee" or
 * "charge", "send money" has "money", "payment" or "funds", the rest their first word.
 */
const PAYMENT_TRIGGER = wordTrigger([
  'card', 'voucher', 'gift', 'bank', 'wire', 'western', 'money', 'pay', 'fee', 'charge', 'outstanding', 'unpaid', 'settle', 'funds',
]);

/** payment_request: gift cards, wire / bank transfer, Western Union, fees, "pay now", outstanding balance. */
export const paymentRequestRule = regexRule('payment_request', PAYMENT_RE, PAYMENT_TRIGGER, (q) => `asks for a payment ("${q}")`);
