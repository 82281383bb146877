import { randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Random bytes are drawn 4 KiB at a time: one getrandom syscall per 256 ids instead of one per id
// (it showed up in the HTTP profile). Each id copies its 16 bytes out, so no two ids share any.
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;
const scratch = new Uint8Array(16);

function randomBytes16(): Uint8Array {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  scratch.set(POOL.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return scratch;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort
 * later as text, which keeps inserts at the right edge of the primary-key index and lets the
 * API hand out an id before the row is written.
 *
 * @example
 * ```ts
 * const id = timeOrderedId(); // e.g. '0190f3c2-5a1b-7c3d-9e4f-0123456789ab'
 * ```
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now > 0xffff_ffff_ffff) {
    throw new RangeError(`timeOrderedId: timestamp out of range: ${now}`);
  }
  const bytes = randomBytes16();
  // 48-bit big-endian millisecond timestamp; split because bitwise ops are 32-bit.
  const high = Math.floor(now / 0x1_0000_0000);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (bytes[6] & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8] & 0x3f); // RFC variant
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]];
  }
  return out;
}

/** The millisecond timestamp inside a {@link timeOrderedId}. */
export function timeOfId(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

const TIME_ORDERED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a lower-case UUIDv7 as {@link timeOrderedId} makes them (so {@link timeOfId} applies). */
export function isTimeOrderedId(id: unknown): id is string {
  return typeof id === 'string' && TIME_ORDERED_ID.test(id);
}
