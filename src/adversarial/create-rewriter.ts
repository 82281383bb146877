/** The one factory from a {@link Rewrite} spec to a seeded, deterministic text rewriter. */
import { createRng } from '../data/random.js';
import { wardenError } from '../errors.js';
import { defangLink } from './defang-links.js';
import { homoglyph } from './homoglyph.js';
import { insertedSpaces } from './inserted-spaces.js';
import { leetspeak } from './leetspeak.js';
import { linkSpans, rewriteLinks, rewriteOutside } from './link-spans.js';
import { restyleLink } from './link-style.js';
import { validateRewrite, type Rewrite } from './rewrite.js';
import { zeroWidth } from './zero-width.js';

/** Rewrites one text; the same (spec, seed, text) always gives the same output. */
export type TextRewriter = (text: string) => string;

type Step = (text: string, rng: () => number) => string;

/** FNV-1a over UTF-16 code units: a per-text seed, so output does not depend on call order. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function charStep(fn: (segment: string, rate: number, rng: () => number) => string, rate: number): Step {
  if (rate === 0) return (text) => text;
  return (text, rng) => rewriteOutside(text, linkSpans(text), (segment) => fn(segment, rate, rng));
}

function build(spec: Rewrite): Step {
  switch (spec.type) {
    case 'homoglyph':
      return charStep(homoglyph, spec.rate);
    case 'zero-width':
      return charStep(zeroWidth, spec.rate);
    case 'leetspeak':
      return charStep(leetspeak, spec.rate);
    case 'inserted-spaces':
      return charStep(insertedSpaces, spec.rate);
    case 'defang-links':
      return (text, rng) => rewriteLinks(text, () => rng() < spec.rate, defangLink);
    case 'link-style':
      return (text, rng) => rewriteLinks(text, () => rng() < spec.rate, (link) => restyleLink(link, spec.style, rng));
    case 'sequence': {
      const steps = spec.steps.map(build);
      return (text, rng) => steps.reduce((t, step) => step(t, rng), text);
    }
    default:
      throw wardenError('INVALID_INPUT', `unknown rewrite type ${JSON.stringify((spec as { type?: unknown }).type)}`);
  }
}

/**
 * Builds a seeded rewriter for adversarial test data. Each call seeds its generator from
 * (seed, text), so rewriting a list gives the same result in any order. Links and e-mail
 * addresses are left intact by the character rewrites.
 *
 * @example
 * const rewrite = createRewriter({ type: 'sequence', steps: [{ type: 'homoglyph', rate: 0.3 }, { type: 'zero-width', rate: 0.2 }] }, 7);
 * rewrite('Claim your prize at http://bit.ly/x'); // e.g. 'Сlaim yo\u200bur prizе at http://bit.ly/x'
 */
export function createRewriter(spec: Rewrite, seed: number): TextRewriter {
  validateRewrite(spec);
  if (!Number.isFinite(seed)) throw wardenError('INVALID_INPUT', `seed must be a finite number, got ${seed}`);
  const step = build(spec);
  const base = Math.imul(Math.trunc(seed) >>> 0, 0x9e3779b1) >>> 0;
  return (text: string): string => {
    if (typeof text !== 'string') throw wardenError('INVALID_INPUT', `text must be a string, got ${typeof text}`);
    if (text.length === 0) return text;
    return step(text, createRng((base ^ hashText(text)) >>> 0));
  };
}
