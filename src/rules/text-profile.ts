import { linkHintAt, walletShapedRun, type ScanHints } from '../indicators/scan-hints.js';
import { confusableOf, isGreekOrCyrillic } from './confusables.js';
import { isInvisible } from './obfuscation-scan.js';
import { MAX_STEM, prefixBits, STEM_HASH_START, stemHashStep, wholeWordBits, type WordTrigger } from './word-triggers.js';

/**
 * What one linear pass over a message tells the rules before any of them runs: which word
 * triggers fire (over the folded words, as the rule regexes see them), a few character counts,
 * and the scan hints that let the context skip link, phone, amount and wallet parsing.
 * Rules use it to skip work that cannot find anything (see `Rule.mayApply`).
 */
export interface TextProfile extends ScanHints {
  /** True when every code unit is ASCII. */
  readonly ascii: boolean;
  /** ASCII letters, and how many of them are capitals (the excessive_caps share). */
  readonly letters: number;
  readonly upper: number;
  /** '!', '?' and fullwidth '！' (the excessive_punctuation characters). */
  readonly emphatic: number;
  /**
   * A character leetspeak puts in place of a letter (0 1 3 4 5 7 @ $) right next to an ASCII letter.
   * An all-ASCII leet word ("fr33") is letters and such characters only, so it has one.
   */
  readonly leetNextToLetter: boolean;
  /** Some zero-width or invisible formatting character (obfuscation-scan's isInvisible). */
  readonly invisible: boolean;
  /** Some Greek or Cyrillic character. */
  readonly otherScript: boolean;
  /**
   * A digit right before a letter that folds to 'p' ("150p", "10ppm", "1.50p"), or '£' right before
   * a digit: every stated per-minute / per-message charge has one.
   */
  readonly chargeHint: boolean;
  /** True when, for each trigger combined in `trigger` (see allOf), a word of the folded text starts with one of its stems. */
  fires(trigger: WordTrigger): boolean;
}

class Profile implements TextProfile {
  constructor(
    readonly ascii: boolean,
    readonly letters: number,
    readonly upper: number,
    readonly emphatic: number,
    readonly leetNextToLetter: boolean,
    readonly invisible: boolean,
    readonly otherScript: boolean,
    readonly chargeHint: boolean,
    readonly digits: number,
    readonly linkHint: boolean,
    readonly walletHint: boolean,
    private readonly words: number,
  ) {}

  fires(trigger: WordTrigger): boolean {
    return (this.words & trigger) === trigger;
  }
}

// ASCII character classes, one table read per character instead of a chain of range tests.
const UPPER = 1, LOWER = 2, DIGIT = 4, UNDERSCORE = 8, LEET = 16, EMPHATIC = 32, LINKY = 64, PEE = 128;
const WORD = UPPER | LOWER | DIGIT | UNDERSCORE;
/** Classes that need a closer look; plain letters, digits and spaces skip all of it. */
const RARE = LEET | EMPHATIC | LINKY | PEE;
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] |= UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] |= LOWER;
for (let c = 48; c <= 57; c++) CLASS[c] |= DIGIT;
CLASS[95] |= UNDERSCORE;
for (const ch of '013457@$') CLASS[ch.charCodeAt(0)] |= LEET;
for (const ch of '!?') CLASS[ch.charCodeAt(0)] |= EMPHATIC;
for (const ch of '@.:[(xX') CLASS[ch.charCodeAt(0)] |= LINKY; // the characters linkHintAt can answer true on
for (const ch of 'pP') CLASS[ch.charCodeAt(0)] |= PEE;

// Both check the bounds themselves: an out-of-range charCodeAt makes V8 throw away optimised code.
function asciiLetterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const l = text.charCodeAt(i) | 32;
  return l >= 97 && l <= 122;
}

function digitAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Profiles `text` in one pass. Words are those of the folded text (ASCII lower-cased, confusables
 * → Latin, as foldConfusables writes it), folded on the fly, so no folded copy is built; the scan
 * hints use the original text's \w runs, as the wallet patterns do.
 */
export function profileText(text: string): TextProfile {
  const n = text.length;
  let ascii = true, letters = 0, upper = 0, emphatic = 0;
  let leetNextToLetter = false, invisible = false, otherScript = false, chargeHint = false;
  let digits = 0, linkHint = false, walletHint = false;
  let runStart = -1; // start of the current \w run of the original text
  let words = 0;
  let wordLen = 0; // characters of the current folded word so far
  let h = STEM_HASH_START;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let f: number; // the folded character, when it is a word character
    if (c < 128) {
      const k = CLASS[c];
      if ((k & RARE) !== 0) {
        if ((k & LINKY) !== 0 && !linkHint) linkHint = linkHintAt(text, i, c);
        if ((k & LEET) !== 0 && !leetNextToLetter) leetNextToLetter = asciiLetterAt(text, i - 1) || asciiLetterAt(text, i + 1);
        if ((k & EMPHATIC) !== 0) emphatic++;
        if ((k & PEE) !== 0 && digitAt(text, i - 1)) chargeHint = true;
      }
      if ((k & WORD) === 0) {
        if (runStart >= 0) {
          // most runs are short words: the length test keeps walletShapedRun off the common path
          if (!walletHint && i - runStart >= 11) walletHint = walletShapedRun(text, runStart, i);
          runStart = -1;
        }
        if (wordLen > 0) {
          if (wordLen <= MAX_STEM) words |= wholeWordBits(h);
          wordLen = 0;
          h = STEM_HASH_START;
        }
        continue;
      }
      if (runStart < 0) runStart = i;
      f = c;
      if ((k & LOWER) !== 0) letters++;
      else if ((k & UPPER) !== 0) { upper++; letters++; f = c + 32; }
      else if ((k & DIGIT) !== 0) digits++;
    } else {
      ascii = false;
      if (c === 0xff01) emphatic++;
      else if (c === 163 /* £ */ && digitAt(text, i + 1)) chargeHint = true;
      else if (isInvisible(c)) invisible = true;
      else if (isGreekOrCyrillic(c)) otherScript = true;
      if (runStart >= 0) {
        if (!walletHint) walletHint = walletShapedRun(text, runStart, i);
        runStart = -1;
      }
      f = confusableOf(c); // a lower-case ASCII letter, or -1
      if (f < 0) {
        if (wordLen > 0) {
          if (wordLen <= MAX_STEM) words |= wholeWordBits(h);
          wordLen = 0;
          h = STEM_HASH_START;
        }
        continue;
      }
      if (f === 112 /* p */ && digitAt(text, i - 1)) chargeHint = true;
    }
    if (wordLen < MAX_STEM) {
      h = stemHashStep(h, f);
      words |= prefixBits(h);
    }
    wordLen++;
  }
  if (runStart >= 0 && !walletHint) walletHint = walletShapedRun(text, runStart, n);
  if (wordLen > 0 && wordLen <= MAX_STEM) words |= wholeWordBits(h);
  return new Profile(ascii, letters, upper, emphatic, leetNextToLetter, invisible, otherScript, chargeHint, digits, linkHint, walletHint, words);
}
