import { accountActionRule } from './rule/account-action.js';
import { callToActionRule } from './rule/call-to-action.js';
import { credentialRequestRule } from './rule/credential-request.js';
import { cryptoRule } from './rule/crypto.js';
import { defangedUrlRule } from './rule/defanged-url.js';
import { emailAddressRule } from './rule/email-address.js';
import { excessiveCapsRule } from './rule/excessive-caps.js';
import { excessivePunctuationRule } from './rule/excessive-punctuation.js';
import { impersonationRule } from './rule/impersonation.js';
import { ipUrlRule } from './rule/ip-url.js';
import { linkPresentRule } from './rule/link-present.js';
import { lookalikeDomainRule } from './rule/lookalike-domain.js';
import { moneyRule } from './rule/money.js';
import { obfuscationRule } from './rule/obfuscation.js';
import { paymentRequestRule } from './rule/payment-request.js';
import { personalDataRequestRule } from './rule/personal-data-request.js';
import { phoneNumberRule } from './rule/phone-number.js';
import { premiumRateNumberRule } from './rule/premium-rate-number.js';
import { prizeRule } from './rule/prize.js';
import { replyStopRule } from './rule/reply-stop.js';
import { shortCodeRule } from './rule/short-code.js';
import { shortUrlRule } from './rule/short-url.js';
import { suspiciousTldRule } from './rule/suspicious-tld.js';
import { threatOfLossRule } from './rule/threat-of-loss.js';
import { urgencyRule } from './rule/urgency.js';
import { urlTextMismatchRule } from './rule/url-text-mismatch.js';
import type { Rule } from './tag.js';

/** One rule per tag, in TAG_NAMES order. */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  linkPresentRule, shortUrlRule, ipUrlRule, suspiciousTldRule, lookalikeDomainRule, urlTextMismatchRule, defangedUrlRule,
  urgencyRule, threatOfLossRule, moneyRule, prizeRule, cryptoRule, paymentRequestRule,
  accountActionRule, credentialRequestRule, personalDataRequestRule,
  phoneNumberRule, premiumRateNumberRule, shortCodeRule, emailAddressRule, replyStopRule, callToActionRule,
  obfuscationRule, excessiveCapsRule, excessivePunctuationRule, impersonationRule,
]);
