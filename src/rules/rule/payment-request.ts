import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

/**
 * Gift cards count as a payment only as a currency: the scam brands' cards (iTunes, Google Play,
 * Steam), gift cards someone is to buy, get, pick up, need, pay with or send over (the "boss /
 * relative needs gift cards" scam), or their codes. A gift card on offer ("get your $1000 gift
 * card") is a prize (the prize rule's), and "your Visa card" is a bank card. The gaps are bounded
 * and stop at a line break, '!' or '?' (not at '.', which prices hold), so matching stays linear.
 */
export const PAYMENT_RE = /\b(?:(?:itunes|google ?play|steam) (?:gift )?(?:cards?|vouchers?)|(?:buy|purchase|pick up|grab|need|get (?:me|us|\d+)|pay(?: with| in| using| by)?|send (?:me|us))\b[^!?\n]{0,40}?\bgift ?cards?|gift ?cards? (?:codes?|numbers?|pins?)|bank transfer|wire (?:transfer|the money|money|funds)|western union|moneygram|pay(?:ment)? (?:now|today|immediately|here|online|by)|pay (?:the|a|your|this|our|an) (?:small |outstanding |unpaid )?(?:fee|balance|bill|fine|charge|invoice|amount|deposit)|(?:delivery|redelivery|re-delivery|release|customs|processing|handling|admin|shipping|small|unpaid|clearance) (?:fee|charge)s?|outstanding (?:balance|payment|amount|debt|invoice)|unpaid (?:bill|invoice|balance|tax|toll)|settle (?:your|the) (?:bill|balance|debt|payment|account)|send (?:money|payment|funds|the money)|(?:send|transfer) (?:me |us )?(?:£|\$|€) ?\d+|make (?:a|the) payment|fees?)\b/g;

/**
 * A word every PAYMENT_RE phrase holds: the brand cards have "card" or "voucher", the other gift
 * cards "gift…", "… fee" has "fee" or "charge", "send money" has "money", "payment" or "funds",
 * "send me £200" has "send" or "transfer", the rest their first word.
 */
const PAYMENT_TRIGGER = wordTrigger([
  'card', 'voucher', 'gift', 'bank', 'wire', 'western', 'money', 'pay', 'fee', 'charge', 'outstanding', 'unpaid', 'settle', 'funds',
  'send', 'transfer',
]);

/** payment_request: gift cards as payment, wire / bank transfer, Western Union, fees, "pay now", outstanding balances, "send me £200". */
export const paymentRequestRule = regexRule('payment_request', PAYMENT_RE, PAYMENT_TRIGGER, (q) => `asks for a payment ("${q}")`);
