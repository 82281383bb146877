export type { Span } from './span.js';
export { sortSpans } from './span.js';
export { MessageScan, createMessageScan, type ScanOptions } from './message-scan.js';
export {
  extractIndicators,
  type Indicators, type UrlIndicator, type PhoneIndicator, type AmountIndicator, type WalletIndicator,
  type DomainIndicator, type EmailIndicator,
} from './extract-indicators.js';
export type { FoundLink, FoundEmail } from './link-scan.js';
export type { FoundPhone } from './phone-scan.js';
export type { FoundAmount } from './amount-scan.js';
export type { FoundWallet } from './wallet-scan.js';
export { SHORTENER_DOMAINS, isShortener } from './shorteners.js';
export { isPremiumRateE164 } from './premium-rate.js';
