import { readFileSync } from 'node:fs';
import type { TriageResult } from './triage.js';

/** Configuration of an optional OpenAI-compatible chat endpoint that rewrites the summary. */
export interface LlmConfig {
  url: string; // base URL, e.g. http://127.0.0.1:8000/v1
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

export interface LlmAuditEntry {
  at: string;
  model: string;
  prompt: string;
  answer: string | null;
  error: string | null;
  latencyMs: number;
  usedFallback: boolean;
}

/** Where prompts and answers are recorded for audit (a file, the database, memory in tests). */
export interface LlmAuditSink {
  record(entry: LlmAuditEntry): void | Promise<void>;
}

/** Reads WARDEN_LLM_URL / WARDEN_LLM_MODEL / WARDEN_LLM_API_KEY (or _FILE) / WARDEN_LLM_TIMEOUT_MS; null if not configured. */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv): LlmConfig | null {
  const url = env.WARDEN_LLM_URL;
  const model = env.WARDEN_LLM_MODEL;
  if (!url || !model) return null;
  let apiKey = env.WARDEN_LLM_API_KEY ?? null;
  if (!apiKey && env.WARDEN_LLM_API_KEY_FILE) apiKey = readFileSync(env.WARDEN_LLM_API_KEY_FILE, 'utf8').trim();
  const timeoutMs = Number(env.WARDEN_LLM_TIMEOUT_MS ?? 3000);
  return { url: url.replace(/\/+$/, ''), model, apiKey, timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 3000 };
}

export function buildPrompt(text: string, verdict: TriageResult): string {
  const facts = {
    label: verdict.label,
    risk_score: verdict.risk_score,
    severity: verdict.severity,
    action: verdict.action,
    tags: verdict.tags.map((t) => `${t.tag}: ${t.reason}`),
    urls: verdict.indicators.urls.map((u) => u.normalized),
  };
  return [
    'You are a security analyst. Write ONE plain-English sentence (max 40 words) summarising why this message',
    'was classified as it was. Use only the facts given; do not invent indicators.',
    `Message: ${JSON.stringify(text.slice(0, 2000))}`,
    `Facts: ${JSON.stringify(facts)}`,
    `Template summary: ${verdict.summary}`,
  ].join('\n');
}

/**
 * Replaces the template summary with the model's answer when the endpoint answers in time with
 * a usable sentence; on any error or timeout the template stays. Every call is audited.
 */
export async function summariseWithLlm(config: LlmConfig, text: string, verdict: TriageResult, audit: LlmAuditSink): Promise<TriageResult> {
  const prompt = buildPrompt(text, verdict);
  const started = performance.now();
  let answer: string | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(`${config.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ model: config.model, temperature: 0, max_tokens: 120, messages: [{ role: 'user', content: prompt }] }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') throw new Error('no answer in the response');
    answer = content.trim().replace(/\s+/g, ' ').slice(0, 500);
  } catch (err) {
    error = (err as Error).name === 'TimeoutError' ? `timeout after ${config.timeoutMs} ms` : (err as Error).message;
  }
  await audit.record({
    at: new Date().toISOString(),
    model: config.model,
    prompt,
    answer,
    error,
    latencyMs: Math.round(performance.now() - started),
    usedFallback: answer === null,
  });
  return answer === null ? verdict : { ...verdict, summary: answer, summary_source: 'llm' };
}
