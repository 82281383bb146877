import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes a Base58Check string (Bitcoin legacy addresses) and verifies its 4-byte double-SHA-256
 * checksum. Returns the version byte, or -1 when the string is not valid Base58Check.
 */
export function base58CheckVersion(s: string): number {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? INDEX[c] : -1;
    if (v < 0) return -1;
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) { bytes.push(carry & 0xff); carry >>= 8; }
  }
  for (let i = 0; i < s.length && s.charCodeAt(i) === 49 /* '1' */; i++) bytes.push(0);
  bytes.reverse();
  if (bytes.length < 5) return -1;
  const payload = Buffer.from(bytes.slice(0, -4));
  const sum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest();
  for (let i = 0; i < 4; i++) if (sum[i] !== bytes[bytes.length - 4 + i]) return -1;
  return payload[0];
}
