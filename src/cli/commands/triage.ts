import { join } from 'node:path';
import { appendFile, mkdir } from 'node:fs/promises';
import { llmConfigFromEnv, summariseWithLlm, type LlmAuditSink } from '../../triage/llm-summariser.js';
import { policyForModel, loadPolicy } from '../../triage/policy.js';
import { triage, type TriageResult } from '../../triage/triage.js';
import { parse, type Command } from '../command.js';
import { dataDir, openModel, registryAt } from '../context.js';
import { highlight } from '../highlight.js';
import { textInputs } from './text-inputs.js';

const COLOURS: Record<string, string> = { critical: '\x1b[1;41;97m', high: '\x1b[1;31m', medium: '\x1b[1;33m', low: '\x1b[32m' };

function render(text: string, v: TriageResult, tty: boolean): string {
  const sev = tty ? `${COLOURS[v.severity]}${v.severity.toUpperCase()}\x1b[0m` : v.severity.toUpperCase();
  const lines = [
    `${sev}  ${v.action}  ${v.label} (risk ${(v.risk_score * 100).toFixed(1)}%, confidence ${v.confidence}, model ${v.model_version})`,
    `  ${highlight(text, v.tags.flatMap((t) => t.spans), tty)}`,
    `  ${v.summary}`,
  ];
  for (const t of v.tags) lines.push(`  - ${t.tag}: ${t.reason}`);
  if (v.top_features.length) lines.push(`  features: ${v.top_features.map((f) => `${f.feature} ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(2)}`).join(', ')}`);
  return `${lines.join('\n')}\n\n`;
}

export const triageCommand: Command = {
  name: 'triage',
  summary: 'full verdict: risk, label, severity, action, tags, indicators, summary',
  usage: `
Usage: warden triage [--json] [--model DIR|VERSION] "text" ["text" ...]
       warden triage [--json] --in FILE

Prints the triage verdict of each text. --json prints one object with risk_score, label,
severity, action, tags, indicators, top_features, summary and model_version (an array when
there are several texts). The severity/action policy is the one shipped with the model.
With WARDEN_LLM_URL and WARDEN_LLM_MODEL set, an OpenAI-compatible endpoint may rewrite the
summary (template fallback on any error; prompts and answers are appended to
<data-dir>/llm-audit.jsonl).

Options:
  --model DIR|VERSION  model directory, registry version or alias (default: production)
  --policy FILE        use this severity/action policy instead of the model's
  --in FILE            texts from a TSV/CSV/JSONL file
  --text-col NAME      the text column of FILE
  --json               machine-readable output
  --data-dir DIR       where the registry lives
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      model: { type: 'string' },
      policy: { type: 'string' },
      in: { type: 'string' },
      'text-col': { type: 'string' },
      'data-dir': { type: 'string' },
    });
    const dir = dataDir(io, values['data-dir']);
    const detector = await openModel(values.model, registryAt(dir));
    const policy = values.policy ? loadPolicy(values.policy) : policyForModel(detector.extras);
    const llm = llmConfigFromEnv(io.env);
    const audit: LlmAuditSink = {
      async record(entry) {
        await mkdir(dir, { recursive: true });
        await appendFile(join(dir, 'llm-audit.jsonl'), `${JSON.stringify(entry)}\n`);
      },
    };
    const results: TriageResult[] = [];
    const tty = io.stdout.isTTY === true;
    for await (const { text } of textInputs(positionals, values.in, values['text-col'])) {
      let v = triage(detector, text, policy);
      if (llm) v = await summariseWithLlm(llm, text, v, audit);
      if (values.json) results.push(v);
      else io.stdout.write(render(text, v, tty));
    }
    if (values.json) io.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    return 0;
  },
};
