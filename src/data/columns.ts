/**
 * Finding the text, label and id columns of a headed file (or the keys of a JSONL object) by
 * their usual names, case-insensitively, or by the name the caller gives.
 */

/** Text column names, in priority order (`TEXT` of the smishing set; `v2` of Kaggle's spam.csv). */
export const TEXT_COLUMNS: readonly string[] = ['text', 'message', 'sms', 'body', 'content', 'email', 'v2'];
/** Label column names, in priority order (`v1` of Kaggle's spam.csv). */
export const LABEL_COLUMNS: readonly string[] = ['label', 'class', 'category', 'v1'];
/** Id column names, in priority order. */
export const ID_COLUMNS: readonly string[] = ['id', 'message_id', 'msg_id'];

/**
 * Index of the wanted column in `columns`, or -1. An explicit name matches exactly first, then
 * case-insensitively; otherwise the first candidate (in candidate order) present wins.
 *
 * @example
 * findColumn(['label', 'TEXT', 'EMAIL'], undefined, TEXT_COLUMNS) // 1
 */
export function findColumn(columns: readonly string[], explicit: string | undefined, candidates: readonly string[]): number {
  if (explicit !== undefined) {
    const exact = columns.indexOf(explicit);
    if (exact !== -1) return exact;
    const folded = explicit.trim().toLowerCase();
    return columns.findIndex((c) => c.trim().toLowerCase() === folded);
  }
  const lower = columns.map((c) => c.trim().toLowerCase());
  for (const name of candidates) {
    const at = lower.indexOf(name);
    if (at !== -1) return at;
  }
  return -1;
}

/** Human-readable description of a missing column, for error messages. */
export function describeMissing(kind: string, explicit: string | undefined, candidates: readonly string[], columns: readonly string[]): string {
  const wanted = explicit !== undefined ? `no ${kind} column '${explicit}'` : `no ${kind} column (looked for ${candidates.join(', ')})`;
  const have = columns.length > 0 ? columns.map((c) => `'${c}'`).join(', ') : 'none';
  return `${wanted}; the columns present are: ${have}`;
}
