import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

/**
 * Threats: something of the reader's is (or will be) suspended, locked, closed, or a penalty
 * follows. "fine" alone is "I'm fine" in most SMS, so only "a fine of" / "fined" count.
 */
export const THREAT_RE = /\b(?:(?:account|card|access|service|number|sim|profile|payment|parcel|package|licen[cs]e)s? (?:has been |have been |is |was |will be |may be |being |is being |could be )?(?:temporarily |permanently |now )?(?:suspended|locked|closed|disabled|blocked|deactivated|restricted|terminated|frozen|on hold|cancell?ed|returned to sender|deleted)|suspension|deactivation|penalt(?:y|ies)|fined|a fine of|late (?:fee|charge)|legal (?:action|proceedings)|court (?:action|summons)|arrest(?: warrant)?|prosecution|bailiffs?|debt collectors?|lose (?:access|your)|will be (?:suspended|locked|closed|disabled|deleted|terminated|blocked))\b/g;

/**
 * A word every THREAT_RE phrase holds: the state word of "account … suspended" ("on hold" has
 * "hold"), the first word of the others ("a fine of" has "fine").
 */
const THREAT_TRIGGER = wordTrigger([
  'suspen', 'locked', 'closed', 'disabled', 'blocked', 'deactiv', 'restricted', 'terminated', 'frozen', 'hold', 'cancel', 'returned', 'deleted',
  'penalt', 'fine', 'late', 'legal', 'court', 'arrest', 'prosecut', 'bailiff', 'debt', 'lose',
]);

/** threat_of_loss: account suspended/locked/closed, penalties, fines, legal action. */
export const threatOfLossRule = regexRule('threat_of_loss', THREAT_RE, THREAT_TRIGGER, (q) => `threatens a loss or penalty ("${q}")`);
