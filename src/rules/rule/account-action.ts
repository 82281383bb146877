import { regexRule } from '../regex-rule.js';

/**
 * An action verb followed, within the same clause (≤ 40 chars, no sentence stop), by an account
 * object; or "account verification" style nouns. The bounded gap keeps matching linear.
 */
const ACCOUNT_RE = /\b(?:(?:verify|confirm|update|unlock|reactivate|re-activate|validate|restore|secure|review|reconfirm|re-confirm|authenticate|unblock)\b[^.!?\n]{0,40}?\b(?:account|details|identity|information|info|payment method|card|billing|profile|credentials|apple id)|(?:account|identity|details|billing) (?:verification|update|confirmation|validation|review))\b/g;

/** account_action: "verify your account", "update your billing details", "account verification". */
export const accountActionRule = regexRule('account_action', ACCOUNT_RE, (q) => `asks to act on an account ("${q}")`);
