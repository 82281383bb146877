import { resolve } from 'node:path';
import { readTexts } from '../../data/index.js';
import { UsageError } from '../command.js';

/** The texts of a tag/triage call: positional arguments, or every row of --in FILE. */
export async function* textInputs(positionals: string[], inFile: string | undefined, textCol?: string): AsyncGenerator<{ text: string; id?: string }> {
  if (inFile) {
    if (positionals.length > 0) throw new UsageError('give either texts or --in FILE, not both');
    for await (const row of readTexts(resolve(inFile), { format: 'auto', textCol })) yield { text: row.text, id: row.id };
    return;
  }
  if (positionals.length === 0) throw new UsageError('give a text to analyse, or --in FILE');
  for (const text of positionals) yield { text };
}
