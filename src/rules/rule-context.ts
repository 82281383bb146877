import { MessageScan, type ScanOptions } from '../indicators/message-scan.js';
import { foldConfusables } from './confusables.js';

/**
 * Everything rules read, computed at most once per message: the original text, a folded copy
 * (ASCII lower-case, confusables → Latin, same length so offsets carry over), and the lazily
 * parsed links, e-mails, phones, amounts and wallets of `MessageScan`. Pass it to
 * `extractIndicators` to reuse the same parse.
 */
export interface RuleContext extends MessageScan {
  readonly folded: string;
}

class LazyRuleContext extends MessageScan implements RuleContext {
  #folded: string | null = null;

  get folded(): string {
    this.#folded ??= foldConfusables(this.text);
    return this.#folded;
  }
}

/** Creates the shared context for one message. Throws INVALID_INPUT if `text` is not a string. */
export function createRuleContext(text: string, opts?: ScanOptions): RuleContext {
  return new LazyRuleContext(text, opts);
}
