/**
 * SQLSTATE classes 22 (data exception) and 23 (integrity violation): the row itself is bad,
 * so retrying the same statement will not help (a lost connection or a busy database will).
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
