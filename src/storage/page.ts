import { wardenError } from '../errors.js';

/** A page request: at most `limit` items after `cursor` (the previous page's nextCursor). */
export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

/** One page; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The largest page any list operation returns. */
export const MAX_PAGE_SIZE = 500;

/** Validates a page size: an integer in [1, MAX_PAGE_SIZE], else INVALID_INPUT. */
export function checkPageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw wardenError('INVALID_INPUT', `Page limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  return limit;
}

/** Escapes LIKE wildcards so a search for "50%" matches the literal text (escape char '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
