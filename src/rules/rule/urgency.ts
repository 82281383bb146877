import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

/** Deadline and pressure phrases. Flat alternation between word boundaries: no nested quantifiers. */
export const URGENCY_RE = /\b(?:act (?:now|fast|immediately|quickly)|urgent(?:ly)?|immediately|asap|right away|within (?:\d{1,3}|twenty[- ]four|one|two) ?(?:hours?|hrs?|h|minutes?|mins?|days?)|final (?:notice|reminder|warning|attempt|demand)|expires? (?:today|tonight|soon|in \d{1,3} ?(?:hours?|hrs?|days?|minutes?|mins?))|expiring (?:today|soon)|last chance|limited time|don'?t (?:delay|miss out)|before it'?s too late|today only|respond now|time is running out|deadline)\b/g;

/**
 * A word every URGENCY_RE phrase holds: "act" alone, "right away" has "away", "last chance"
 * "chance", "don't delay / miss out" "delay" / "miss", "before it's too late" "late", the rest their first word.
 */
const URGENCY_TRIGGER = wordTrigger([
  'act$', 'urgent', 'immediat', 'asap', 'away', 'within', 'final', 'expir', 'chance', 'limited', 'delay', 'miss', 'late', 'today',
  'respond', 'running', 'deadline',
]);

/** urgency: pressure to act quickly ("act now", "within 24 hours", "final notice"). */
export const urgencyRule = regexRule('urgency', URGENCY_RE, URGENCY_TRIGGER, (q) => `pressures the reader to act quickly ("${q}")`);
