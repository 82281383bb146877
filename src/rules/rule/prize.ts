import { regexRule } from '../regex-rule.js';
import { wordTrigger } from '../word-triggers.js';

/** Prize and reward bait. "won't" is not "won": the apostrophe is excluded after the word. */
export const PRIZE_RE = /\b(?:you(?:'ve| have)? (?:won|been selected|been chosen)|winners?|won(?!['’])|prizes?|free (?:gifts?|entry|vouchers?|tickets?|holiday|phone|cash)|gift ?vouchers?|claim(?:ed|ing|s)?|rewards?|selected|congratulations|congrats|jackpot|cash (?:prize|award|bonus)|bonus|guaranteed)\b/g;

/** A word every PRIZE_RE phrase holds ("you have been chosen" has "chosen"). */
const PRIZE_TRIGGER = wordTrigger([
  'won', 'selected', 'chosen', 'winner', 'prize', 'free', 'gift', 'claim', 'reward', 'congrat', 'jackpot', 'cash', 'bonus', 'guarantee',
]);

/** prize: "you have won", "winner", "claim your reward", "free gift", "selected". */
export const prizeRule = regexRule('prize', PRIZE_RE, PRIZE_TRIGGER, (q) => `promises a prize or reward ("${q}")`);
