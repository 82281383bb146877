import { REQUEST_VERBS, requestRule } from '../request-rule.js';
import { wordTrigger } from '../word-triggers.js';

const PERSONAL = String.raw`(?:date of birth|dob|d\.o\.b|social security(?: number)?|ssn|national insurance(?: number)?|ni number|(?:card|account) (?:number|details|no)|long card number|cvv2?|cvc|expiry date|mother'?s maiden name|maiden name|sort code|bank details|(?:home|postal|delivery|full|your) address|full name|passport (?:number|details)|driving licen[cs]e(?: number)?|personal (?:details|information|info))`;

/**
 * A word every PERSONAL phrase holds: its first word, or "address" for "(home|postal|…) address";
 * "d.o.b" is the word "d", "ni number" the word "ni".
 */
const PERSONAL_TRIGGER = wordTrigger([
  'date', 'dob', 'd$', 'social', 'ssn', 'national', 'ni$', 'card', 'account', 'long', 'cvv', 'cvc', 'expiry', 'mother', 'maiden',
  'sort', 'bank', 'address', 'full', 'passport', 'driving', 'personal',
]);

export const PERSONAL_RE = new RegExp(String.raw`\b${REQUEST_VERBS}\b[^.!?\n]{0,30}?\b${PERSONAL}\b`, 'g');

/** personal_data_request: asks to send/confirm/provide a date of birth, SSN, card number, CVV, address, … */
export const personalDataRequestRule = requestRule('personal_data_request', PERSONAL_RE, PERSONAL_TRIGGER, (q) => `asks for personal or card details ("${q}")`);
