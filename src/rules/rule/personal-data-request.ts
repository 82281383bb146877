import { REQUEST_VERBS, requestRule } from '../request-rule.js';

const PERSONAL = String.raw`(?:date of birth|dob|d\.o\.b|social security(?: number)?|ssn|national insurance(?: number)?|ni number|(?:card|account) (?:number|details|no)|long card number|cvv2?|cvc|expiry date|mother'?s maiden name|maiden name|sort code|bank details|(?:home|postal|delivery|full|your) address|full name|passport (?:number|details)|driving licen[cs]e(?: number)?|personal (?:details|information|info))`;

const PERSONAL_RE = new RegExp(String.raw`\b${REQUEST_VERBS}\b[^.!?\n]{0,30}?\b${PERSONAL}\b`, 'g');

/** personal_data_request: asks to send/confirm/provide a date of birth, SSN, card number, CVV, address, … */
export const personalDataRequestRule = requestRule('personal_data_request', PERSONAL_RE, (q) => `asks for personal or card details ("${q}")`);
