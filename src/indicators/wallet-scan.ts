import { base58CheckVersion } from './base58-check.js';
import { bech32Hrp } from './bech32.js';

/** One cryptocurrency wallet address occurrence. */
export interface FoundWallet {
  address: string;
  chain: 'bitcoin' | 'ethereum' | 'other';
  start: number;
  end: number;
}

// Each pattern is one bounded character-class run between word boundaries: linear, no nesting.
const BECH32_RE = /\b(?:bc|tb|ltc)1[ac-hj-np-z02-9]{8,87}\b/gi;
const BASE58_RE = /\b[13LMT][1-9A-HJ-NP-Za-km-z]{25,34}\b/g;
const ETH_RE = /\b0x[0-9a-fA-F]{40}\b/g;

/** Base58Check version bytes: 0x00 P2PKH and 0x05 P2SH are Bitcoin; Litecoin (0x30, 0x32) and Tron (0x41) are "other". */
function chainOfVersion(v: number): FoundWallet['chain'] | null {
  if (v === 0x00 || v === 0x05) return 'bitcoin';
  if (v === 0x30 || v === 0x32 || v === 0x41) return 'other';
  return null;
}

/**
 * Finds wallet addresses whose checksum verifies (bech32/bech32m, Base58Check) or, for Ethereum,
 * `0x` + 40 hex digits. Checksums keep random long tokens from counting as wallets.
 */
export function scanWallets(text: string): FoundWallet[] {
  const out: FoundWallet[] = [];
  let m: RegExpExecArray | null;
  BECH32_RE.lastIndex = 0;
  while ((m = BECH32_RE.exec(text)) !== null) {
    const hrp = bech32Hrp(m[0]);
    if (hrp !== null) out.push({ address: m[0], chain: hrp === 'bc' || hrp === 'tb' ? 'bitcoin' : 'other', start: m.index, end: m.index + m[0].length });
  }
  BASE58_RE.lastIndex = 0;
  while ((m = BASE58_RE.exec(text)) !== null) {
    const chain = chainOfVersion(base58CheckVersion(m[0]));
    if (chain !== null) out.push({ address: m[0], chain, start: m.index, end: m.index + m[0].length });
  }
  ETH_RE.lastIndex = 0;
  while ((m = ETH_RE.exec(text)) !== null) {
    out.push({ address: m[0], chain: 'ethereum', start: m.index, end: m.index + m[0].length });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
