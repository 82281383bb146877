import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

export const STOP_RE = /\b(?:(?:reply|txt|text|send|sms) stop|stop (?:to|2|on) \d{3,6}|opt[- ]?out|unsubscribe|unsub|to stop (?:receiving|messages|msgs|texts|these|further|this service|alerts))\b/g;

/** A word every STOP_RE phrase holds ("opt-out" starts with "opt"). */
const STOP_TRIGGER = wordTrigger(['stop', 'opt', 'unsub']);

/** reply_stop: opt-out boilerplate of bulk SMS ("txt STOP to 87239", "to opt out", "unsubscribe"). */
export const replyStopRule = regexRule('reply_stop', STOP_RE, STOP_TRIGGER, (q) => `has bulk-message opt-out wording ("${q}")`);
