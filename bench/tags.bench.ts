/**
 * Tags + indicators on the UCI SMS Spam Collection: createRuleContext → tagText → extractIndicators
 * (sharing one parse), in process, one core. Prints messages per CPU-second — the first (cold) pass,
 * when the phone-number memo is empty, and the median of the warm passes — and how often each tag
 * fires on ham and on spam. Run: `node dist/bench/tags.bench.js`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractIndicators } from '../src/indicators/index.js';
import { createRuleContext, TAG_NAMES, tagText } from '../src/rules/index.js';

const DATA = fileURLToPath(new URL('../../data/sms-spam-collection/SMSSpamCollection.tsv', import.meta.url));
const WARM_RUNS = 5;

interface Message { label: string; text: string }

function loadMessages(): Message[] {
  return readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => ({ label: line.slice(0, line.indexOf('\t')), text: line.slice(line.indexOf('\t') + 1) }));
}

/** Process CPU time in ms: the machine is shared, so wall time would also measure the neighbours. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pass(messages: Message[]): number {
  let sink = 0;
  const t0 = cpuMs();
  for (const m of messages) {
    const ctx = createRuleContext(m.text);
    sink += tagText(ctx).length + extractIndicators(ctx).urls.length;
  }
  const ms = cpuMs() - t0;
  if (sink < 0) throw new Error('unreachable');
  return (messages.length / ms) * 1000;
}

/**
 * CPU ns per charCodeAt step of a plain loop: a yardstick for how slow the shared machine is right
 * now (an idle modern core gives roughly 0.3–0.6 ns), so figures from different runs can be compared.
 */
function referenceNsPerStep(): number {
  const s = 'abcdefghij'.repeat(8);
  let x = 0;
  const steps = 2_000_000;
  const t0 = cpuMs();
  for (let k = 0; k < steps / s.length; k++) for (let j = 0; j < s.length; j++) x += s.charCodeAt(j);
  const ms = cpuMs() - t0;
  if (x < 0) throw new Error('unreachable');
  return (ms * 1e6) / steps;
}

/** Runs the benchmark; returns messages/s (cold, warm median) and per-tag share of ham and spam (in %). */
export async function runTagsBench(): Promise<Record<string, number>> {
  const messages = loadMessages();
  const cold = pass(messages);
  const warm: number[] = [];
  for (let r = 0; r < WARM_RUNS; r++) warm.push(pass(messages));
  const counts = new Map<string, { ham: number; spam: number }>(TAG_NAMES.map((t) => [t, { ham: 0, spam: 0 }]));
  let ham = 0, spam = 0;
  for (const m of messages) {
    const isSpam = m.label === 'spam';
    if (isSpam) spam++; else ham++;
    for (const t of tagText(m.text)) {
      const c = counts.get(t.tag)!;
      if (isSpam) c.spam++; else c.ham++;
    }
  }
  const out: Record<string, number> = {
    messages: messages.length,
    cold_messages_per_s: Math.round(cold),
    warm_messages_per_s_median: Math.round(median(warm)),
    warm_us_per_message: Math.round((1e6 / median(warm)) * 100) / 100,
    reference_ns_per_loop_step: Math.round(referenceNsPerStep() * 100) / 100,
  };
  for (const [tag, c] of counts) {
    out[`ham_pct.${tag}`] = Math.round((1000 * c.ham) / ham) / 10;
    out[`spam_pct.${tag}`] = Math.round((1000 * c.spam) / spam) / 10;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runTagsBench();
  console.log(`messages ${r.messages}, cold ${r.cold_messages_per_s.toLocaleString('en-GB')} msg/s, warm median ${r.warm_messages_per_s_median.toLocaleString('en-GB')} msg/s (${r.warm_us_per_message} µs/msg); reference loop ${r.reference_ns_per_loop_step} ns/step`);
  console.log(`${'tag'.padEnd(24)} ${'ham %'.padStart(7)} ${'spam %'.padStart(7)}`);
  for (const tag of TAG_NAMES) console.log(`${tag.padEnd(24)} ${String(r[`ham_pct.${tag}`]).padStart(7)} ${String(r[`spam_pct.${tag}`]).padStart(7)}`);
}
