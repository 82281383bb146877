/**
 * Premium-rate prefixes by E.164 start. UK: 09 (premium), 087x and 084x (service charge,
 * the classic "calls cost 10p/min" SMS spam numbers). North America: 1-900 and 1-976.
 */
const PREMIUM_E164_PREFIXES: readonly string[] = ['+449', '+4487', '+4484', '+1900', '+1976'];

/** True when an E.164 number sits in a premium-rate or service-charge range. */
export function isPremiumRateE164(e164: string): boolean {
  for (const p of PREMIUM_E164_PREFIXES) if (e164.startsWith(p)) return true;
  return false;
}
