/**
 * Content fingerprints of labelled data, for lineage: a model records the fingerprint of the
 * data it was trained on, and the same rows in the same order always give the same hash.
 */
import { createHash } from 'node:crypto';
import type { Label } from './label.js';

// Escape the separators so that distinct rows can never produce the same canonical line.
function canonicalText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

/**
 * sha256 (hex) over the canonical lines `label\ttext\n`, in row order; backslash, tab, CR and LF
 * in a text are escaped as `\\`, `\t`, `\r`, `\n`.
 *
 * @example
 * fingerprintRows([{ text: 'hi', label: 'benign' }]) // sha256 of "benign\thi\n"
 */
export function fingerprintRows(rows: readonly { text: string; label: Label }[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${row.label}\t${canonicalText(row.text)}\n`, 'utf8');
  return hash.digest('hex');
}
