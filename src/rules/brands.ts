/** A brand phishers imitate: its display name, the words that name it, and the domains it really owns. */
export interface Brand {
  name: string;
  /** Lowercase label forms searched inside hostnames ("royalmail"). */
  labels: readonly string[];
  /** Lowercase word forms searched in message text ("royal mail"). */
  words: readonly string[];
  /** Registered domains the brand really uses. */
  domains: readonly string[];
  kind: 'bank' | 'delivery' | 'tax' | 'telecom' | 'government' | 'tech' | 'retail' | 'crypto';
}

function b(name: string, kind: Brand['kind'], labels: string[], words: string[], domains: string[]): Brand {
  return { name, kind, labels, words, domains };
}

/** The brands most imitated in UK/US SMS and e-mail phishing. */
export const BRANDS: readonly Brand[] = [
  b('PayPal', 'bank', ['paypal'], ['paypal'], ['paypal.com', 'paypal.me', 'paypal.co.uk', 'paypalobjects.com']),
  b('Apple', 'tech', ['apple', 'icloud', 'itunes'], ['apple', 'icloud', 'itunes', 'apple id'], ['apple.com', 'icloud.com', 'apple.co', 'itunes.com']),
  b('Amazon', 'retail', ['amazon'], ['amazon'], ['amazon.com', 'amazon.co.uk', 'amazon.de', 'amazon.fr', 'amazon.ca', 'amazon.in', 'amzn.to', 'amazonaws.com']),
  b('Netflix', 'tech', ['netflix'], ['netflix'], ['netflix.com']),
  b('Microsoft', 'tech', ['microsoft', 'office365', 'outlook'], ['microsoft', 'office 365', 'outlook'], ['microsoft.com', 'live.com', 'outlook.com', 'office.com', 'microsoftonline.com', 'office365.com']),
  b('Google', 'tech', ['google', 'gmail'], ['google', 'gmail'], ['google.com', 'google.co.uk', 'gmail.com', 'g.co', 'goo.gl', 'youtube.com', 'youtu.be']),
  b('Facebook', 'tech', ['facebook', 'instagram', 'whatsapp'], ['facebook', 'instagram', 'whatsapp'], ['facebook.com', 'fb.com', 'fb.me', 'instagram.com', 'whatsapp.com', 'wa.me']),
  b('eBay', 'retail', ['ebay'], ['ebay'], ['ebay.com', 'ebay.co.uk']),
  b('HMRC', 'tax', ['hmrc'], ['hmrc', 'hm revenue'], ['hmrc.gov.uk', 'gov.uk']),
  b('IRS', 'tax', ['irs'], ['irs', 'internal revenue service'], ['irs.gov']),
  b('DVLA', 'government', ['dvla'], ['dvla'], ['dvla.gov.uk', 'gov.uk']),
  b('NHS', 'government', ['nhs'], ['nhs'], ['nhs.uk', 'nhs.net']),
  b('Royal Mail', 'delivery', ['royalmail', 'royal-mail'], ['royal mail', 'royalmail'], ['royalmail.com', 'royalmail.co.uk', 'royalmailgroup.com']),
  b('DHL', 'delivery', ['dhl'], ['dhl'], ['dhl.com', 'dhl.co.uk', 'dhl.de']),
  b('FedEx', 'delivery', ['fedex'], ['fedex'], ['fedex.com']),
  b('UPS', 'delivery', ['ups'], ['ups'], ['ups.com']),
  b('USPS', 'delivery', ['usps'], ['usps'], ['usps.com', 'usps.gov']),
  b('Evri', 'delivery', ['evri', 'hermes'], ['evri', 'hermes'], ['evri.com', 'myhermes.co.uk']),
  b('DPD', 'delivery', ['dpd'], ['dpd'], ['dpd.co.uk', 'dpd.com']),
  b('HSBC', 'bank', ['hsbc'], ['hsbc'], ['hsbc.co.uk', 'hsbc.com']),
  b('Barclays', 'bank', ['barclays', 'barclaycard'], ['barclays', 'barclaycard'], ['barclays.co.uk', 'barclays.com', 'barclaycard.co.uk']),
  b('Lloyds', 'bank', ['lloyds', 'lloydsbank'], ['lloyds'], ['lloydsbank.com', 'lloydsbank.co.uk', 'lloyds.com', 'lloydsbankinggroup.com']),
  b('NatWest', 'bank', ['natwest'], ['natwest'], ['natwest.com']),
  b('Santander', 'bank', ['santander'], ['santander'], ['santander.co.uk', 'santander.com']),
  b('Halifax', 'bank', ['halifax'], ['halifax'], ['halifax.co.uk', 'halifax-online.co.uk']),
  b('Monzo', 'bank', ['monzo'], ['monzo'], ['monzo.com', 'monzo.me']),
  b('Chase', 'bank', ['chase'], ['chase bank'], ['chase.com']),
  b('Wells Fargo', 'bank', ['wellsfargo'], ['wells fargo', 'wellsfargo'], ['wellsfargo.com']),
  b('Bank of America', 'bank', ['bankofamerica'], ['bank of america'], ['bankofamerica.com', 'bofa.com']),
  b('Citibank', 'bank', ['citibank'], ['citibank'], ['citibank.com', 'citi.com']),
  b('Coinbase', 'crypto', ['coinbase'], ['coinbase'], ['coinbase.com']),
  b('Binance', 'crypto', ['binance'], ['binance'], ['binance.com']),
  b('Vodafone', 'telecom', ['vodafone'], ['vodafone'], ['vodafone.co.uk', 'vodafone.com']),
  b('O2', 'telecom', [], ['o2'], ['o2.co.uk']),
  b('EE', 'telecom', [], [], ['ee.co.uk']),
  b('BT', 'telecom', [], [], ['bt.com']),
  b('Three', 'telecom', [], [], ['three.co.uk']),
];
