import { wardenError } from '../errors.js';

/** A position in a (timestamp, id) descending walk: the last row of the previous page. */
export interface CursorPosition {
  at: Date;
  id: string;
}

/**
 * Encodes a position as an opaque base64url token. Clients pass it back unchanged; the
 * format may change between releases, so nothing outside storage should parse it.
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id]), 'utf8').toString('base64url');
}

/** A valid date in years 0–9999: beyond them ISO 8601 needs a sign and six digits, which the database does not read. */
export function isStorableDate(d: Date): boolean {
  const year = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && year >= 0 && year <= 9999;
}

/** Decodes a token from {@link encodeCursor}; anything else is INVALID_INPUT. */
export function decodeCursor(cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (err) {
    throw wardenError('INVALID_INPUT', 'Invalid page cursor', { cause: err });
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw wardenError('INVALID_INPUT', 'Invalid page cursor');
  }
  const at = new Date(parsed[0]);
  if (!isStorableDate(at)) throw wardenError('INVALID_INPUT', 'Invalid page cursor');
  return { at, id: parsed[1] };
}
