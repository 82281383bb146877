import { wardenError } from '../errors.js';

/**
 * 32-bit FNV-1a over the UTF-16 code units of `key`. Cheap (one multiply per code unit, no
 * allocation) and stable across processes and releases, which is all a canary split needs.
 */
export function fnv1a32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The key's fixed position in [0, 1): the same key always lands in the same place. */
export function canaryBucket(key: string): number {
  // A final avalanche (murmur3 fmix32) so keys differing in their last character spread evenly.
  let h = fnv1a32(key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * True when the message with this key goes to the canary at this share. Raising the share only
 * adds keys (a key in at 10% stays in at 50%), so a message never flips back and forth.
 *
 * @example
 * ```ts
 * routeToCanary('Your parcel is held', 0);   // false
 * routeToCanary('Your parcel is held', 1);   // true
 * ```
 */
export function routeToCanary(key: string, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return canaryBucket(key) < share;
}

/** Checks a canary share given by a user: a number in [0, 1]. */
export function checkShare(share: unknown): number {
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw wardenError('INVALID_INPUT', `the canary share must be a number between 0 and 1 (got ${JSON.stringify(share)})`);
  }
  return share;
}
