import { wardenError } from '../errors.js';

/**
 * Word triggers: a cheap necessary condition for a keyword regex. The words of a rule phrase each
 * start at a word boundary, so a regex cannot match unless the folded text has a word (a maximal
 * run of [a-z0-9_], the regex \w) starting with a word that every one of its phrases holds. A rule
 * registers such stems ("urgent", "within", "chance" for "last chance", …); one pass over the words
 * of a message (text-profile.ts) finds which triggers fire, and rules whose trigger does not fire
 * are skipped (`Rule.mayApply`).
 *
 * Stems are matched as prefixes ("bitcoin" also fires on "bitcoins"), on at most MAX_STEM
 * characters (longer stems are cut, which only loosens them); a stem ending in '$' must be a whole
 * word ("d$" is the "d" of "d.o.b", not every word starting with d). Stems live in a hashed table,
 * so a collision can fire a trigger spuriously — harmless, the rule then runs as it always did —
 * but a word that starts with a registered stem always fires it.
 *
 * Adding a phrase to a rule regex means adding a stem for it here too; pre-checks.equivalence.test
 * samples every alternative of every gated regex and fails when a phrase is left without one.
 */

/** A trigger: one bit of the mask of words found (or several, combined with `allOf`, that must all be found). */
export type WordTrigger = number;

/** Stems are compared on at most this many leading characters of a word. */
export const MAX_STEM = 6;

const TABLE_BITS = 16;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Stem hashes → OR of the trigger bits registered under them (Int32: up to 31 triggers). */
const table = new Int32Array(1 << TABLE_BITS);
/**
 * One bit per slot, set when the slot holds a stem. Nearly every lookup misses, and this 8 KB
 * bitmap answers those from L1 cache instead of a random read into the 256 KB table.
 */
const occupied = new Int32Array(1 << (TABLE_BITS - 5));
let nextBit = 0;

const FNV_OFFSET = 0x811c9dc5 | 0;
/** Hashed after a whole word's last character (0x7f is no word character): "go" + END is not the prefix "go" of "good". */
const END = 0x7f;

/** One step of the (FNV-1a) stem hash. Kept tiny so the scan in text-profile inlines it. */
export function stemHashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

export const STEM_HASH_START = FNV_OFFSET;

/** The table slot of a stem hash. */
function slot(h: number): number {
  return (h ^ (h >>> 16)) & TABLE_MASK;
}

function bitsAt(s: number): number {
  return (occupied[s >>> 5] & (1 << (s & 31))) === 0 ? 0 : table[s];
}

function register(s: number, bit: number): void {
  table[s] |= bit;
  occupied[s >>> 5] |= 1 << (s & 31);
}

/** Trigger bits registered under the stem whose hash is `h` (the word so far as a prefix). */
export function prefixBits(h: number): number {
  return bitsAt(slot(h));
}

/** Trigger bits registered under the whole word whose hash (of its first ≤ MAX_STEM characters) is `h`. */
export function wholeWordBits(h: number): number {
  return bitsAt(slot(stemHashStep(h, END)));
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Registers the stems a rule's regex cannot match without and returns the trigger's bit. Call at
 * module load; stems are lower-case [a-z0-9_] words, optionally ending in '$' (whole word only).
 */
export function wordTrigger(stems: readonly string[]): WordTrigger {
  if (nextBit >= 31) throw wardenError('INTERNAL', 'more than 31 word triggers; widen the trigger mask');
  if (stems.length === 0) throw wardenError('INTERNAL', 'a word trigger needs at least one stem');
  const bit = 1 << nextBit++;
  for (const stem of stems) {
    const whole = stem.endsWith('$');
    const word = whole ? stem.slice(0, -1) : stem;
    if (word.length === 0 || ![...word].every((ch) => isWordCode(ch.charCodeAt(0)))) {
      throw wardenError('INTERNAL', `word trigger stem "${stem}" must be lower-case [a-z0-9_] characters`);
    }
    let h = STEM_HASH_START;
    const n = Math.min(word.length, MAX_STEM);
    for (let i = 0; i < n; i++) h = stemHashStep(h, word.charCodeAt(i));
    // a whole word longer than MAX_STEM is only known by its first MAX_STEM characters: a prefix
    if (whole && word.length <= MAX_STEM) register(slot(stemHashStep(h, END)), bit);
    else register(slot(h), bit);
  }
  return bit;
}

/** A trigger that fires only when all of `triggers` fire: for regexes that need two words. */
export function allOf(...triggers: WordTrigger[]): WordTrigger {
  return triggers.reduce((a, b) => a | b, 0);
}
