/** The UCI SMS Spam Collection texts (label<TAB>text), the standard SMS-length workload. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './measure.js';

export const UCI_TSV = join(REPO_ROOT, 'data', 'sms-spam-collection', 'SMSSpamCollection.tsv');

/** Every message text of the UCI file, in file order (labels dropped). */
export function loadUciTexts(path: string = UCI_TSV): string[] {
  const out: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab >= 0) out.push(line.slice(tab + 1).replace(/\r$/, ''));
  }
  return out;
}
