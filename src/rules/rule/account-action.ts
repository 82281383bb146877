import { regexRule } from '../regex-rule.js';
import { allOf, wordTrigger } from '../word-triggers.js';

/**
 * An action verb followed, within the same clause (≤ 40 chars, no sentence stop), by an account
 * object; or "account verification" style nouns. The bounded gap keeps matching linear.
 */
export const ACCOUNT_RE = /\b(?:(?:verify|confirm|update|unlock|reactivate|re-activate|validate|restore|secure|review|reconfirm|re-confirm|authenticate|unblock)\b[^.!?\n]{0,40}?\b(?:account|details|identity|information|info|payment method|card|billing|profile|credentials|apple id)|(?:account|identity|details|billing) (?:verification|update|confirmation|validation|review))\b/g;

/** Either phrase needs a first word (verb, or noun of "account verification") and a later one (object, or "verification"). */
const ACCOUNT_TRIGGER = allOf(
  wordTrigger([
    'verify', 'confirm', 'update', 'unlock', 'reactivate', 're$', 'validate', 'restore', 'secure', 'review', 'reconfirm', 'authenticate', 'unblock',
    'account', 'identity', 'details', 'billing',
  ]),
  wordTrigger([
    'account', 'details', 'identity', 'info', 'payment', 'card', 'billing', 'profile', 'credentials', 'apple',
    'verification', 'update', 'confirmation', 'validation', 'review',
  ]),
);

/** account_action: "verify your account", "update your billing details", "account verification". */
export const accountActionRule = regexRule('account_action', ACCOUNT_RE, ACCOUNT_TRIGGER, (q) => `asks to act on an account ("${q}")`);
