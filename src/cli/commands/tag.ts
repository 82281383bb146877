import { createRuleContext, tagText } from '../../rules/index.js';
import { extractIndicators } from '../../indicators/index.js';
import { parse, type Command } from '../command.js';
import { highlight } from '../highlight.js';
import { textInputs } from './text-inputs.js';

export const tagCommand: Command = {
  name: 'tag',
  summary: 'show the threat tags (with reasons and spans) and indicators of a text',
  usage: `
Usage: warden tag [--json] "text" ["text" ...]
       warden tag [--json] --in FILE

Runs the rule engine only (no model): each tag with its plain-language reason and the spans
of the text that triggered it, plus extracted indicators (URLs, domains, e-mails, phones,
amounts, wallets). --json prints one JSON object per text (a JSON array with several).

Options:
  --in FILE        texts from a TSV/CSV/JSONL file
  --text-col NAME  the text column of FILE
  --json           machine-readable output
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, in: { type: 'string' }, 'text-col': { type: 'string' } });
    const results: unknown[] = [];
    const tty = io.stdout.isTTY === true;
    for await (const { text, id } of textInputs(positionals, values.in, values['text-col'])) {
      const ctx = createRuleContext(text);
      const tags = tagText(ctx);
      const indicators = extractIndicators(ctx);
      if (values.json) results.push({ ...(id !== undefined ? { id } : {}), text, tags, indicators });
      else {
        io.stdout.write(`${highlight(text, tags.flatMap((t) => t.spans), tty)}\n`);
        if (tags.length === 0) io.stdout.write('  (no tags)\n');
        for (const t of tags) io.stdout.write(`  ${t.tag.padEnd(22)} ${t.reason}  ${t.spans.map((s) => `[${s.start},${s.end})`).join(' ')}\n`);
        io.stdout.write('\n');
      }
    }
    if (values.json) io.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    return 0;
  },
};
