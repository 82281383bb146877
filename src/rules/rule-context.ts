import { MessageScan, type ScanOptions } from '../indicators/message-scan.js';
import type { ScanHints } from '../indicators/scan-hints.js';
import { foldConfusables } from './confusables.js';
import { profileText, type TextProfile } from './text-profile.js';

/**
 * Everything rules read, computed at most once per message: the original text, a folded copy
 * (ASCII lower-case, confusables → Latin, same length so offsets carry over), the one-pass
 * profile rules check before doing real work, and the lazily parsed links, e-mails, phones,
 * amounts and wallets of `MessageScan`. Pass it to `extractIndicators` to reuse the same parse.
 */
export interface RuleContext extends MessageScan {
  readonly folded: string;
  readonly profile: TextProfile;
}

class LazyRuleContext extends MessageScan implements RuleContext {
  #folded: string | null = null;
  #profile: TextProfile | null = null;

  get folded(): string {
    // the profile already knows whether the text is ASCII, where folding is just lower-casing
    this.#folded ??= this.profile.ascii ? this.text.toLowerCase() : foldConfusables(this.text);
    return this.#folded;
  }

  get profile(): TextProfile {
    this.#profile ??= profileText(this.text);
    return this.#profile;
  }

  /** The profile's pass computes the scan hints too: one pass over the text serves rules and parsers. */
  override get hints(): ScanHints {
    return this.profile;
  }
}

/** Creates the shared context for one message. Throws INVALID_INPUT if `text` is not a string. */
export function createRuleContext(text: string, opts?: ScanOptions): RuleContext {
  return new LazyRuleContext(text, opts);
}
