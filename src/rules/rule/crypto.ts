import { listOf, matchSpans } from '../match-spans.js';
import type { Rule, Span } from '../tag.js';
import { wordTrigger } from '../word-triggers.js';

export const COIN_RE = /\b(?:bitcoins?|btc|ethereum|crypto(?:currency|currencies)?|usdt|tether|binance|coinbase|dogecoin|litecoin|wallet address|seed phrase|recovery phrase|blockchain)\b/g;

/** The first word of every COIN_RE phrase. */
const COIN_TRIGGER = wordTrigger([
  'bitcoin', 'btc', 'ethereum', 'crypto', 'usdt', 'tether', 'binance', 'coinbase', 'dogecoin', 'litecoin', 'wallet', 'seed', 'recovery', 'blockchain',
]);

/** crypto: a checksum-valid wallet address (BTC bech32/base58, ETH 0x…) or coin vocabulary. */
export const cryptoRule: Rule = {
  tag: 'crypto',
  mayApply: (ctx) => ctx.profile.fires(COIN_TRIGGER) || ctx.hints.walletHint,
  apply(ctx) {
    const wallets = ctx.wallets;
    const words = matchSpans(COIN_RE, ctx.folded);
    if (wallets.length === 0 && words.length === 0) return null;
    const spans: Span[] = [...wallets.map((w) => ({ start: w.start, end: w.end })), ...words].sort((a, b) => a.start - b.start);
    const reason = wallets.length > 0
      ? `contains a ${listOf(wallets.map((w) => w.chain))} wallet address (${wallets[0].address.slice(0, 12)}…)`
      : `mentions cryptocurrency ("${ctx.text.slice(words[0].start, words[0].end)}")`;
    return { tag: 'crypto', reason, spans };
  },
};
