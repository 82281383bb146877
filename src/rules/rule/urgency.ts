import { regexRule } from '../regex-rule.js';

/** Deadline and pressure phrases. Flat alternation between word boundaries: no nested quantifiers. */
const URGENCY_RE = /\b(?:act (?:now|fast|immediately|quickly)|urgent(?:ly)?|immediately|asap|right away|within (?:\d{1,3}|twenty[- ]four|one|two) ?(?:hours?|hrs?|h|minutes?|mins?|days?)|final (?:notice|reminder|warning|attempt|demand)|expires? (?:today|tonight|soon|in \d{1,3} ?(?:hours?|hrs?|days?|minutes?|mins?))|expiring (?:today|soon)|last chance|limited time|don'?t (?:delay|miss out)|before it'?s too late|today only|respond now|time is running out|deadline)\b/g;

/** urgency: pressure to act quickly ("act now", "within 24 hours", "final notice"). */
export const urgencyRule = regexRule('urgency', URGENCY_RE, (q) => `pressures the reader to act quickly ("${q}")`);
