import type { CountryCode } from 'libphonenumber-js';
import { wardenError } from '../errors.js';
import { scanAmounts, type FoundAmount } from './amount-scan.js';
import { scanLinks, type FoundEmail, type FoundLink } from './link-scan.js';
import { checkRegion, scanPhones, type FoundPhone } from './phone-scan.js';
import { scanWallets, type FoundWallet } from './wallet-scan.js';

/** Options for scanning a message. */
export interface ScanOptions {
  /** ISO 3166 alpha-2 region assumed for numbers written without +cc. Default 'GB' (the bundled SMS data is British). */
  defaultRegion?: string;
}

/**
 * A message plus its lazily parsed contents (links, e-mails, phones, amounts, wallets). Each is
 * computed at most once, on first read, so rules and indicator extraction share one parse.
 */
export class MessageScan {
  readonly text: string;
  readonly defaultRegion: CountryCode;
  #links: { links: FoundLink[]; emails: FoundEmail[] } | null = null;
  #phones: FoundPhone[] | null = null;
  #amounts: FoundAmount[] | null = null;
  #wallets: FoundWallet[] | null = null;

  constructor(text: string, opts: ScanOptions = {}) {
    if (typeof text !== 'string') throw wardenError('INVALID_INPUT', 'The message text must be a string.');
    this.text = text;
    this.defaultRegion = checkRegion(opts.defaultRegion ?? 'GB');
  }

  /** URLs (including de-fanged ones), in text order. */
  get links(): readonly FoundLink[] {
    this.#links ??= scanLinks(this.text);
    return this.#links.links;
  }

  /** E-mail addresses, in text order. */
  get emails(): readonly FoundEmail[] {
    this.#links ??= scanLinks(this.text);
    return this.#links.emails;
  }

  /** Valid phone numbers, in text order. */
  get phones(): readonly FoundPhone[] {
    this.#phones ??= scanPhones(this.text, this.defaultRegion);
    return this.#phones;
  }

  /** Money amounts, in text order. */
  get amounts(): readonly FoundAmount[] {
    this.#amounts ??= scanAmounts(this.text);
    return this.#amounts;
  }

  /** Checksum-valid wallet addresses, in text order. */
  get wallets(): readonly FoundWallet[] {
    this.#wallets ??= scanWallets(this.text);
    return this.#wallets;
  }
}

/** Creates a lazily parsed view of `text`. Throws INVALID_INPUT for a non-string or unknown region. */
export function createMessageScan(text: string, opts?: ScanOptions): MessageScan {
  return new MessageScan(text, opts);
}
