/**
 * The attacker's new lures: threat messages in wordings the bundled data never had (a child's
 * "new number", remote-job offers, wallet payouts, customs duty, energy rebates), filled in from
 * seeded slot values. The model has not seen this vocabulary, which is what makes them a tactic
 * shift rather than noise.
 */
import { createRng } from '../data/index.js';

const TEMPLATES: readonly string[] = [
  'Hi mum its me, this is my new number, old phone got smashed. Can you send {amt} to {name} for my rent, pay you back {day}',
  'Hello {name} here from the hiring team. Part time remote role, {amt} a day rating hotel reviews from home. Message me on WhatsApp {phone}',
  'Your {coin} wallet payout of {amt} is waiting. Sync your wallet at {link} to receive it',
  'Customs notice: package {ref} is held pending import duty of {amt}. Settle the duty at {link}',
  'Energy rebate scheme: a credit of {amt} has been approved for your household. Apply for it at {link}',
  'Hey its {name}, I used your number by mistake for a code, can you forward me the 6 digits you just got? thanks',
  'Your mailbox storage is full and new mail is paused. Extend storage for {amt} at {link}',
  'Congrats on the interview {name}! Onboarding starts {day}, fill the payroll sheet at {link} with your card for salary',
  '{name}, your {coin} staking reward of {amt} matured. Withdraw before it expires: {link}',
  'Toll road: unpaid charge of {amt} for plate {ref}. Pay within 2 days at {link} to avoid a penalty',
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
