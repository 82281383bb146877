/**
 * The attacker's new lures: threat messages in wordings the bundled data never had (a child's
 * "new number", remote-job offers, wallet payouts, customs duty, energy rebates), filled in from
 * seeded slot values. The model has not seen this vocabulary, which is what makes them a tactic
 * shift rather than noise.
 */
import { createRng } from '../data/index.js';

const TEMPLATES: readonly string[] = [
  'hi mum its me, this is my new number, old phone got smashed. can you help me with a bill {day}? ill explain later x',
  'hey {name} here from the hiring team, we loved your profile. part time from home, just rating hotels on your phone. message me on whatsapp {phone}',
  'hello is this {name}? sorry i think i got the wrong number... anyway nice to meet you, are you on whatsapp? {phone}',
  'hey its {name}, i used your number by mistake for a code, can you forward me the 6 digits you just got? thanks so much',
  'dad its me, dropped my phone in the bath lol. texting from a friends. can you do me a quick favour {day}',
  '{name} said you might be interested in the {coin} group, we share tips every morning and the returns have been amazing. add me {phone}',
  'your mailbox is almost full and new mail is paused. sign in to keep getting mail: {link}',
  'good morning {name}, this is the recruiter from earlier. the role is flexible and the pay is daily. can we chat on telegram {phone}',
  'hi {name}, long time! i moved abroad and started trading {coin}, it changed my life honestly. want me to show you how {day}?',
  'hey sorry to bother you, my card got blocked abroad and i need to pay for the hotel {day}. can you help? its {name}',
];

const NAMES = ['Jess', 'Tom', 'Priya', 'Liam', 'Sofia', 'Omar', 'Chloe', 'Dan', 'Mia', 'Ravi'];
const COINS = ['USDT', 'BTC', 'ETH', 'Solana', 'TRX'];
const DAYS = ['tomorrow', 'on Friday', 'next week', 'on Monday'];
const DOMAINS = ['parcel-duty.help', 'rebate-portal.app', 'wallet-sync.pro', 'mail-storage.cc', 'toll-settle.net', 'hr-onboard.work'];

function pick<T>(items: readonly T[], rng: () => number): T {
  return items[Math.floor(rng() * items.length)];
}

/** One lure per index, fully determined by (seed, index). */
export function newLure(seed: number, index: number): string {
  const rng = createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const template = TEMPLATES[Math.floor(rng() * TEMPLATES.length)];
  return template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'amt':
        return `${pick(['£', '$', '€'], rng)}${(20 + Math.floor(rng() * 1980)).toString()}${rng() < 0.5 ? '' : `.${Math.floor(rng() * 90 + 10)}`}`;
      case 'name':
        return pick(NAMES, rng);
      case 'day':
        return pick(DAYS, rng);
      case 'coin':
        return pick(COINS, rng);
      case 'phone':
        return `+44 7${Math.floor(rng() * 1e9).toString().padStart(9, '0')}`;
      case 'ref':
        return `${String.fromCharCode(65 + Math.floor(rng() * 26))}${String.fromCharCode(65 + Math.floor(rng() * 26))}${Math.floor(rng() * 1e6)}`;
      case 'link':
        return `https://${pick(DOMAINS, rng)}/${Math.floor(rng() * 1e6).toString(36)}`;
      default:
        return slot;
    }
  });
}

/** `count` lures starting at `from`. */
export function newLures(seed: number, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_v, i) => newLure(seed, from + i));
}

export const LURE_TEMPLATE_COUNT = TEMPLATES.length;
