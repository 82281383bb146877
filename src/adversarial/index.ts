/** Seeded adversarial rewriting of messages, for robustness tests and benchmarks. */
export { type CharRewrite, type LinkRewrite, type Rewrite, type RewriteType, validateRewrite } from './rewrite.js';
export { createRewriter, type TextRewriter } from './create-rewriter.js';
export { HOMOGLYPH_CHARACTERS, HOMOGLYPH_LETTERS } from './homoglyph.js';
export { LEETSPEAK_MAP } from './leetspeak.js';
export { ZERO_WIDTH_CHARACTERS } from './zero-width.js';
export { linkSpans, type TextSpan } from './link-spans.js';
export type { LinkStyle } from './link-style.js';
