/**
 * The three message classes Warden knows, and the mapping from the many spellings that public
 * datasets use for them.
 */
export type Label = 'benign' | 'spam' | 'phishing';

/** Every label, in code order: a label's index here is its numeric code (benign 0, spam 1, phishing 2). */
export const LABELS: readonly Label[] = Object.freeze(['benign', 'spam', 'phishing'] as const);

// '1' of a binary 0/1 file means "malicious"; phishing is the more specific threat, and the
// trainer can still fold it into "threat" when a dataset has no separate phishing class.
const LABEL_ALIASES: ReadonlyMap<string, Label> = new Map<string, Label>([
  ['ham', 'benign'],
  ['legit', 'benign'],
  ['legitimate', 'benign'],
  ['benign', 'benign'],
  ['0', 'benign'],
  ['normal', 'benign'],
  ['clean', 'benign'],
  ['spam', 'spam'],
  ['smishing', 'phishing'],
  ['phishing', 'phishing'],
  ['phish', 'phishing'],
  ['malicious', 'phishing'],
  ['fraud', 'phishing'],
  ['scam', 'phishing'],
  ['1', 'phishing'],
]);

/** The accepted raw spellings, for error messages. */
export const KNOWN_RAW_LABELS: readonly string[] = Object.freeze([...LABEL_ALIASES.keys()]);

/**
 * Maps a raw dataset label to a {@link Label}, folding case and surrounding whitespace.
 * Returns null for anything unknown, so the caller can report every bad label at once.
 *
 * @example
 * mapLabel(' Smishing ') // 'phishing'
 * mapLabel('ham')        // 'benign'
 * mapLabel('maybe')      // null
 */
export function mapLabel(raw: string): Label | null {
  return LABEL_ALIASES.get(raw.trim().toLowerCase()) ?? null;
}

/** True for the labels a user must be protected from: spam and phishing. */
export function isThreat(label: Label): boolean {
  return label !== 'benign';
}

/** Numeric code of a label (its index in {@link LABELS}), or -1 if it is not a Label. */
export function labelCode(label: string): number {
  return label === 'benign' ? 0 : label === 'spam' ? 1 : label === 'phishing' ? 2 : -1;
}
