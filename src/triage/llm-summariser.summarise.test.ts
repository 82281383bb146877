import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { llmConfigFromEnv, summariseWithLlm, type LlmAuditEntry } from './llm-summariser.js';
import type { TriageResult } from './triage.js';

/** A tiny local server speaking the OpenAI chat-completions protocol, with scripted behaviours. */
let mode: 'ok' | 'slow' | 'error' | 'garbage' = 'ok';
const seen: { auth: string | undefined; body: { model: string; messages: { content: string }[] } }[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
    if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    if (mode === 'error') return void res.writeHead(500).end('boom');
    if (mode === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices":[]}');
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '  Phishing: asks to verify an account via a short link.  ' } }] }));
    if (mode === 'slow') setTimeout(answer, 500);
    else answer();
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
after(() => server.close());

const verdict = { label: 'phishing', risk_score: 0.97, severity: 'critical', action: 'block_and_report', tags: [{ tag: 'short_url', reason: 'links to bit.ly', spans: [] }], indicators: { urls: [{ normalized: 'http://bit.ly/x' }] }, summary: 'Likely phishing (97%): template.', summary_source: 'template' } as unknown as TriageResult;

function config(timeoutMs = 2000) {
  const c = llmConfigFromEnv({ WARDEN_LLM_URL: `http://127.0.0.1:${port}/v1/`, WARDEN_LLM_MODEL: 'local-test', WARDEN_LLM_API_KEY: 'sk-test', WARDEN_LLM_TIMEOUT_MS: String(timeoutMs) });
  assert.ok(c);
  return c;
}

test('llmConfigFromEnv is null unless both URL and model are set', () => {
  assert.equal(llmConfigFromEnv({}), null);
  assert.equal(llmConfigFromEnv({ WARDEN_LLM_URL: 'http://x' }), null);
  assert.deepEqual(config(1500), { url: `http://127.0.0.1:${port}/v1`, model: 'local-test', apiKey: 'sk-test', timeoutMs: 1500 });
});

test('a good answer replaces the template summary, and prompt + answer are audited', async () => {
  mode = 'ok';
  const audit: LlmAuditEntry[] = [];
  const out = await summariseWithLlm(config(), 'Verify now http://bit.ly/x', verdict, { record: (e) => void audit.push(e) });
  assert.equal(out.summary, 'Phishing: asks to verify an account via a short link.');
  assert.equal(out.summary_source, 'llm');
  assert.equal(audit.length, 1);
  assert.equal(audit[0].answer, 'Phishing: asks to verify an account via a short link.');
  assert.equal(audit[0].usedFallback, false);
  assert.match(audit[0].prompt, /Verify now http:\/\/bit\.ly\/x/);
  const last = seen[seen.length - 1];
  assert.equal(last.auth, 'Bearer sk-test');
  assert.equal(last.body.model, 'local-test');
});

for (const [m, expectError] of [['slow', /timeout after 100 ms/], ['error', /HTTP 500/], ['garbage', /no answer/]] as const) {
  test(`on ${m} the template stays and the failure is audited`, async () => {
    mode = m;
    const audit: LlmAuditEntry[] = [];
    const out = await summariseWithLlm(config(100), 'text', verdict, { record: (e) => void audit.push(e) });
    assert.equal(out.summary, 'Likely phishing (97%): template.');
    assert.equal(out.summary_source, 'template');
    assert.equal(audit[0].usedFallback, true);
    assert.match(String(audit[0].error), expectError);
  });
}

test('an unreachable endpoint falls back too', async () => {
  const audit: LlmAuditEntry[] = [];
  const c = { url: 'http://127.0.0.1:9', model: 'm', apiKey: null, timeoutMs: 500 };
  const out = await summariseWithLlm(c, 'text', verdict, { record: (e) => void audit.push(e) });
  assert.equal(out.summary_source, 'template');
  assert.ok(audit[0].error);
});
