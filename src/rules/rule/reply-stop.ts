import { regexRule } from '../regex-rule.js';

const STOP_RE = /\b(?:(?:reply|txt|text|send|sms) stop|stop (?:to|2|on) \d{3,6}|opt[- ]?out|unsubscribe|unsub|to stop (?:receiving|messages|msgs|texts|these|further|this service|alerts))\b/g;

/** reply_stop: opt-out boilerplate of bulk SMS ("txt STOP to 87239", "to opt out", "unsubscribe"). */
export const replyStopRule = regexRule('reply_stop', STOP_RE, (q) => `has bulk-message opt-out wording ("${q}")`);
