import { mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/package-info.js';
import { saveModel } from '../../src/training/save-model.js';
import { train } from '../../src/training/train.js';

/**
 * A small real training file: every 6th UCI row plus every spam and smishing row of the
 * phishing set's first 1,500 lines, so the model learns all three classes in a second or two.
 */
export async function tinyTrainingFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-tiny-'));
  const uci = readFileSync(join(PACKAGE_ROOT, 'data/sms-spam-collection/SMSSpamCollection.tsv'), 'utf8').split('\n').filter(Boolean);
  const rows: string[] = ['label,text'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  uci.forEach((line, i) => {
    const [label, text] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    if (i % 6 === 0 || (label === 'spam' && i % 2 === 0)) rows.push(`${label},${q(text)}`);
  });
  // Hand-written smishing examples so the phishing class exists in the small set.
  const smish = [
    'Your account has been suspended. Verify your details at http://secure-paypa1.com/login within 24 hours',
    'HMRC: you are due a tax refund of £326.12. Claim now at http://hmrc-refund.xyz/claim',
    'Royal Mail: your parcel is held. Pay the £1.99 fee at https://royalmail-redelivery.top/pay',
    'Your bank card has been locked. Confirm your PIN and card number at http://bit.ly/unlock-card',
    'Netflix: payment declined, update your billing details now at http://netflix-billing.club',
    'Apple ID locked for security reasons. Unlock at http://appleid-verify.info/secure',
    'Your parcel could not be delivered. Reschedule at http://dhl-parcel.online/track?id=22',
    'Barclays alert: unusual sign-in. Confirm your password at http://barclays-secure.site',
    'Amazon: your order is on hold. Verify your account at https://amaz0n-orders.icu',
    'Final notice: your EE bill is overdue, pay now to avoid disconnection http://ee-billing.live',
  ];
  for (let r = 0; r < 6; r++) for (const s of smish) rows.push(`smishing,${q(r === 0 ? s : `${s} ref ${r}${r * 7}`)}`);
  const path = join(dir, 'tiny.csv');
  await writeFile(path, `${rows.join('\n')}\n`);
  return path;
}

let cached: Promise<string> | null = null;

/**
 * Trains a small real model and returns its directory. It is cached on disk for the whole test
 * run (keyed by the training file and the compiled training code), because every test file
 * runs in its own process and most only need *a* real model.
 */
export function tinyModelDir(): Promise<string> {
  cached ??= (async () => {
    const data = await tinyTrainingFile();
    const key = createHash('sha256')
      .update(readFileSync(data))
      .update(readFileSync(fileURLToPath(new URL('../../src/training/train.js', import.meta.url))))
      .update(readFileSync(fileURLToPath(new URL('../../src/features/index.js', import.meta.url))))
      .update(readFileSync(fileURLToPath(new URL('../../src/features/tfidf-part.js', import.meta.url)))) // what a part exports
      .digest('hex')
      .slice(0, 16);
    const dir = join(tmpdir(), `warden-tiny-model-${key}`);
    if (existsSync(join(dir, 'manifest.json'))) return dir;
    const trained = await train({
      dataPaths: [data],
      folds: 3,
      ruleFeatures: false,
      candidates: [{ learner: { type: 'logreg', C: 10, classWeight: 'balanced' }, ruleFeatures: false }],
    });
    // Write aside, then rename into place: concurrent test processes never see a half model.
    const staging = await mkdtemp(join(tmpdir(), 'warden-tiny-staging-'));
    await saveModel(trained, staging);
    try {
      renameSync(staging, dir);
    } catch {
      return existsSync(join(dir, 'manifest.json')) ? dir : staging;
    }
    return dir;
  })();
  return cached;
}
