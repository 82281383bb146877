import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

/**
 * Imperatives that push the reader to respond. Bare "call" is everywhere in personal SMS ("I'll
 * call you"), so it counts only with "now/today/…" or right before a number or link.
 */
export const CTA_RE = /\b(?:(?:call|ring|text|txt|click|tap|reply|visit|log ?in|sign ?in|dial|respond|download|claim|contact us)(?: us| back)? (?:now|today|here|immediately|asap|below|free|fast|right away|on the link|the link|this link|to claim|to receive|to collect|to win|to get)\b|(?:call|ring|dial|text|txt|visit|go to|click|tap|send|sms)(?: (?:us|on|at|to))?(?= (?:\+?\d[\d -]{3}|www\.|https?:))|(?:text|txt|send|reply|sms) [a-z0-9]{1,20} (?:to|on|2)(?= \d{4,6}\b)|reply (?:yes|y)\b|(?:click|tap (?:the|this|here))\b)/g;

/** The first word of every CTA_RE phrase ("log in" / "login" start with "log", "go to" is the word "go"). */
const CTA_TRIGGER = wordTrigger([
  'call', 'ring', 'text', 'txt', 'click', 'tap', 'reply', 'visit', 'log', 'sign', 'dial', 'respond', 'download', 'claim', 'contact',
  'go$', 'send', 'sms',
]);

/** call_to_action: "call now", "click here", "tap the link", "reply YES", "visit www…", "log in now". */
export const callToActionRule = regexRule('call_to_action', CTA_RE, CTA_TRIGGER, (q) => `urges the reader to respond ("${q.trim()}")`);
