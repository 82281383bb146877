import type { CountryCode } from 'libphonenumber-js';
import { wardenError } from '../errors.js';
import { scanAmounts, type FoundAmount } from './amount-scan.js';
import { scanLinks, type FoundEmail, type FoundLink } from './link-scan.js';
import { checkRegion, MIN_PHONE_DIGITS, scanPhones, type FoundPhone } from './phone-scan.js';
import { scanHints, type ScanHints } from './scan-hints.js';
import { scanWallets, type FoundWallet } from './wallet-scan.js';

/** Options for scanning a message. */
export interface ScanOptions {
  /** ISO 3166 alpha-2 region assumed for numbers written without +cc. Default 'GB' (the bundled SMS data is British). */
  defaultRegion?: string;
}

/**
 * A message plus its lazily parsed contents (links, e-mails, phones, amounts, wallets). Each is
 * computed at most once, on first read, so rules and indicator extraction share one parse, and
 * only when the one-pass `hints` say the text could hold one: a message without '@', '://' or a
 * dotted word never reaches the link parser, one with under 7 digits never reaches libphonenumber.
 */
export class MessageScan {
  readonly text: string;
  readonly defaultRegion: CountryCode;
  #links: { links: FoundLink[]; emails: FoundEmail[] } | null = null;
  #phones: FoundPhone[] | null = null;
  #amounts: FoundAmount[] | null = null;
  #wallets: FoundWallet[] | null = null;
  #hints: ScanHints | null = null;

  constructor(text: string, opts: ScanOptions = {}) {
    if (typeof text !== 'string') throw wardenError('INVALID_INPUT', 'The message text must be a string.');
    this.text = text;
    this.defaultRegion = checkRegion(opts.defaultRegion ?? 'GB');
  }

  /** Digit count and link / wallet shapes of the text, from one linear pass (see ScanHints). */
  get hints(): ScanHints {
    this.#hints ??= scanHints(this.text);
    return this.#hints;
  }

  /** URLs (including de-fanged ones), in text order. */
  get links(): readonly FoundLink[] {
    return this.#parseLinks().links;
  }

  /** E-mail addresses, in text order. */
  get emails(): readonly FoundEmail[] {
    return this.#parseLinks().emails;
  }

  #parseLinks(): { links: FoundLink[]; emails: FoundEmail[] } {
    this.#links ??= this.hints.linkHint ? scanLinks(this.text) : { links: [], emails: [] };
    return this.#links;
  }

  /** Valid phone numbers, in text order. */
  get phones(): readonly FoundPhone[] {
    this.#phones ??= this.hints.digits >= MIN_PHONE_DIGITS ? scanPhones(this.text, this.defaultRegion) : [];
    return this.#phones;
  }

  /** Money amounts, in text order. Every amount pattern holds a digit. */
  get amounts(): readonly FoundAmount[] {
    this.#amounts ??= this.hints.digits > 0 ? scanAmounts(this.text) : [];
    return this.#amounts;
  }

  /** Checksum-valid wallet addresses, in text order. */
  get wallets(): readonly FoundWallet[] {
    this.#wallets ??= this.hints.walletHint ? scanWallets(this.text) : [];
    return this.#wallets;
  }
}

/** Creates a lazily parsed view of `text`. Throws INVALID_INPUT for a non-string or unknown region. */
export function createMessageScan(text: string, opts?: ScanOptions): MessageScan {
  return new MessageScan(text, opts);
}
