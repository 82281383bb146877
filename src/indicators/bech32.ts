const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

/**
 * Verifies a bech32 / bech32m string (BIP-173 / BIP-350, e.g. `bc1q…` SegWit addresses).
 * Returns the human-readable part ("bc", "ltc", …) or null if the checksum fails.
 */
export function bech32Hrp(address: string): string | null {
  if (address.length < 8 || address.length > 90) return null;
  const lower = address.toLowerCase();
  if (lower !== address && address.toUpperCase() !== address) return null; // mixed case is invalid
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return null;
  const hrp = lower.slice(0, sep);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  for (let i = sep + 1; i < lower.length; i++) {
    const v = CHARSET.indexOf(lower[i]);
    if (v < 0) return null;
    values.push(v);
  }
  const c = polymod(values);
  return c === BECH32_CONST || c === BECH32M_CONST ? hrp : null;
}
