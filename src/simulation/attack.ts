/**
 * The attacker's adaptation: held-out threats rewritten by seeded transformations — urgency words
 * dropped, links restyled or defanged, homoglyphs, zero-width characters, leetspeak — mixed with
 * {@link newLure} messages in wordings the model never saw.
 */
import { createRewriter, type Rewrite, type TextRewriter } from '../adversarial/index.js';
import { createRng } from '../data/index.js';
import { newLure } from './new-lures.js';

const URGENCY = /\b(urgent(ly)?|immediately|now|asap|act fast|hurry|final (notice|warning)|expires? (today|soon)|within 24 hours|today only|last chance|important|attention|verify|claim|winner|won|win|free|prize|congratulations)\b[!.,]*/gi;

/** Removes urgency and prize words and the whitespace they leave behind. */
export function dropUrgency(text: string): string {
  const out = text.replace(URGENCY, '').replace(/\s{2,}/g, ' ').trim();
  return out.length > 0 ? out : text;
}

const REWRITES: readonly Rewrite[] = [
  { type: 'link-style', rate: 1, style: 'bare-domain' },
  { type: 'defang-links', rate: 1 },
  { type: 'sequence', steps: [{ type: 'homoglyph', rate: 0.3 }, { type: 'zero-width', rate: 0.2 }] },
  { type: 'leetspeak', rate: 0.3 },
  { type: 'link-style', rate: 1, style: 'shortener' },
];

export interface AttackGenerator {
  /** One new-tactic threat, determined by (seed, index): a fresh lure or a rewritten held-out threat. */
  message(index: number): { text: string; tactic: string };
}

/**
 * Builds the attack generator. `sourceThreats` are held-out threats (never trained on); `lureShare`
 * of the messages are new lures, the rest rewritten sources with urgency dropped.
 */
export function createAttack(seed: number, sourceThreats: readonly string[], lureShare = 0.85): AttackGenerator {
  const rewriters: TextRewriter[] = REWRITES.map((r, i) => createRewriter(r, seed + i));
  return {
    message(index: number) {
      const rng = createRng((Math.imul(seed >>> 0, 0x27d4eb2d) ^ (index + 1)) >>> 0);
      const lure = newLure(seed, index);
      if (sourceThreats.length === 0 || rng() < lureShare) {
        const k = Math.floor(rng() * rewriters.length);
        return { text: rng() < 0.5 ? rewriters[k](lure) : lure, tactic: 'new-lure' };
      }
      const k = Math.floor(rng() * rewriters.length);
      const source = sourceThreats[Math.floor(rng() * sourceThreats.length)];
      return { text: rewriters[k](dropUrgency(source)), tactic: `rewrite:${REWRITES[k].type}` };
    },
  };
}
