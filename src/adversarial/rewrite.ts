/**
 * The rewriting spec: serialisable and `type`-discriminated, like the normaliser spec, so an
 * adversarial test set is reproducible from (spec, seed) and can be written into a report.
 */
import { wardenError } from '../errors.js';

/** A character-level rewrite that fires at each eligible position with probability `rate`. */
export type CharRewrite =
  /** Latin letters → Cyrillic/Greek look-alikes (`a` → U+0430, `o` → U+043E or U+03BF, …). */
  | { type: 'homoglyph'; rate: number }
  /** U+200B/U+200C/U+200D/U+2060/U+FEFF inserted between two letters or digits. */
  | { type: 'zero-width'; rate: number }
  /** a→4 b→8 e→3 g→9 i→1 l→1 o→0 s→5 t→7 z→2 (either case). */
  | { type: 'leetspeak'; rate: number }
  /** A space inserted between two letters of a word ("fr ee"). */
  | { type: 'inserted-spaces'; rate: number };

/** A link-level rewrite that fires on each URL with probability `rate`. */
export type LinkRewrite =
  /** `http://a.com/x` → `hxxp://a[.]com/x`: the link still reads as one to a person. */
  | { type: 'defang-links'; rate: number }
  /** Swaps a URL for another way of writing a link: a shortener, an IP address or the bare domain. */
  | { type: 'link-style'; rate: number; style: 'shortener' | 'ip' | 'bare-domain' };

export type Rewrite = CharRewrite | LinkRewrite | { type: 'sequence'; steps: Rewrite[] };

export type RewriteType = Rewrite['type'];

/** Throws INVALID_INPUT unless `spec` is a well-formed {@link Rewrite} (rates finite and in [0, 1]). */
export function validateRewrite(spec: Rewrite, path = 'rewrite'): void {
  if (spec === null || typeof spec !== 'object') throw wardenError('INVALID_INPUT', `${path} must be an object`);
  if (spec.type === 'sequence') {
    if (!Array.isArray(spec.steps)) throw wardenError('INVALID_INPUT', `${path}.steps must be an array`);
    spec.steps.forEach((s, i) => validateRewrite(s, `${path}.steps[${i}]`));
    return;
  }
  const rate = (spec as { rate?: unknown }).rate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw wardenError('INVALID_INPUT', `${path}.rate must be a number in [0, 1], got ${String(rate)}`);
  }
  switch (spec.type) {
    case 'homoglyph':
    case 'zero-width':
    case 'leetspeak':
    case 'inserted-spaces':
    case 'defang-links':
      return;
    case 'link-style':
      if (spec.style !== 'shortener' && spec.style !== 'ip' && spec.style !== 'bare-domain') {
        throw wardenError('INVALID_INPUT', `${path}.style must be 'shortener', 'ip' or 'bare-domain', got ${String(spec.style)}`);
      }
      return;
    default:
      throw wardenError('INVALID_INPUT', `${path}.type is not a known rewrite: ${JSON.stringify((spec as { type?: unknown }).type)}`);
  }
}
