import { REQUEST_VERBS, requestRule } from '../request-rule.js';
import { wordTrigger } from '../word-triggers.js';

const CREDENTIALS = String.raw`(?:password|passcode|passwords|pin(?: number| code)?|otp|one[- ]time (?:passcode|password|code|pin)|security code|verification code|authori[sz]ation code|log-?in (?:details|info)|login|sign-?in (?:details|info)|(?:account|bank(?:ing)?) (?:details|credentials|login)|credentials|memorable (?:word|information|info)|username and password)`;

/** The first word of every CREDENTIALS phrase ("one-time" is the word "one", "log-in" the word "log"). */
const CREDENTIAL_TRIGGER = wordTrigger([
  'pass', 'pin', 'otp', 'one$', 'security', 'verification', 'authori', 'log', 'sign', 'account', 'bank', 'credentials', 'memorable', 'username',
]);

/**
 * A request verb, then within the clause (≤ 30 chars) a credential. A code merely *shown* to the
 * reader ("Your Barclays code is 123456. Never share it") has no request verb before it.
 */
export const CREDENTIAL_RE = new RegExp(String.raw`\b${REQUEST_VERBS}\b[^.!?\n]{0,30}?\b${CREDENTIALS}\b`, 'g');

/** credential_request: asks to send, enter, reply with or confirm a password, PIN, OTP or login details. */
export const credentialRequestRule = requestRule('credential_request', CREDENTIAL_RE, CREDENTIAL_TRIGGER, (q) => `asks for a password or code ("${q}")`);
