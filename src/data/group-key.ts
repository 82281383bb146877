/**
 * Grouping of near-duplicate texts. Public SMS sets repeat the same message with different
 * case, punctuation, spacing or numbers; if one copy lands in training and another in test the
 * scores are inflated. Splits and cross-file deduplication therefore work on this key.
 */

const INVISIBLE = /\p{Cf}/gu; // zero-width spaces/joiners, soft hyphen, BOM, bidi controls
const DIGIT_RUN = /\p{Nd}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{Nd}]/gu;
const WHITESPACE = /\s+/gu;

/**
 * Normalised text for grouping: NFKC, lowercase, strip invisible characters, drop everything
 * but letters and digits, then every run of digits → '0' (so digits separated only by spaces or
 * punctuation form one run). A text with no letters or digits at all
 * (say ":-)") keys on its symbols instead, prefixed with '#', so that it does not share the
 * empty key with every other such text.
 *
 * @example
 * groupKey('WIN £1000 now!!')   // 'win0now'
 * groupKey('win  £250, NOW')    // 'win0now'
 */
export function groupKey(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
  // drop first, then fold digits: '0800-123-456' and '0800123456' are the same number
  const key = folded.replace(NOT_LETTER_OR_DIGIT, '').replace(DIGIT_RUN, '0');
  return key.length > 0 ? key : '#' + folded.replace(WHITESPACE, '');
}

/**
 * Group id per text: texts with the same {@link groupKey} share an id; ids are 0, 1, 2, … in
 * order of first appearance.
 */
export function groupIds(texts: readonly string[]): Int32Array {
  const ids = new Int32Array(texts.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < texts.length; i++) {
    const key = groupKey(texts[i]);
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      seen.set(key, id);
    }
    ids[i] = id;
  }
  return ids;
}
