import type { FastifyInstance } from 'fastify';
import { extractIndicators } from '../../indicators/index.js';
import { createRuleContext, tagText } from '../../rules/index.js';
import { triage } from '../../triage/triage.js';
import { summariseWithLlm, type LlmAuditSink, type LlmConfig } from '../../triage/llm-summariser.js';
import { preparePrediction } from '../../storage/index.js';
import type { AppDeps } from '../app-deps.js';
import { TextBody } from '../schemas.js';
import { answeringModel, checkTexts, logRoom, untilLogRoom } from '../score-texts.js';

export interface TagRouteOptions {
  llm?: LlmConfig | null;
  llmAudit?: LlmAuditSink;
}

/** POST /v1/tag (rules only) and POST /v1/triage (the full verdict, same shape as `warden triage --json`). */
export function tagRoutes(app: FastifyInstance, deps: AppDeps, opts: TagRouteOptions = {}): void {
  app.post<{ Body: TextBody }>(
    '/v1/tag',
    { config: { role: 'scorer' }, schema: { tags: ['explanation'], summary: 'Threat tags with reasons and spans, and indicators', body: TextBody } },
    async (req) => {
      checkTexts([req.body.text], deps.config.maxTextLength);
      const ctx = createRuleContext(req.body.text);
      const tags = tagText(ctx);
      for (const t of tags) deps.metrics.count.tag(t.tag);
      return { tags, indicators: extractIndicators(ctx) };
    },
  );

  app.post<{ Body: TextBody }>(
    '/v1/triage',
    { config: { role: 'scorer' }, schema: { tags: ['explanation'], summary: 'Triage verdict: risk, label, severity, action, tags, indicators, top features, summary', body: TextBody } },
    async (req) => {
      const text = req.body.text;
      checkTexts([text], deps.config.maxTextLength);
      const room = logRoom(deps);
      if (room) await untilLogRoom(deps, room);
      // The canary answers its share here too, and the prediction records which version answered.
      const routing = deps.models.routing;
      let served = answeringModel(routing, text);
      const t0 = process.hrtime.bigint();
      let verdict;
      try {
        verdict = triage(served.detector, text, served.policy);
      } catch (err) {
        if (served === routing.production) throw err;
        deps.counters?.failed(served.version);
        served = routing.production;
        verdict = triage(served.detector, text, served.policy);
      }
      deps.counters?.served(served.version);
      const latencyUs = Number(process.hrtime.bigint() - t0) / 1000;
      let shadowScore: number | null = null;
      const shadow = routing.shadow && routing.shadow !== served ? routing.shadow : null;
      if (shadow) {
        try {
          const s = shadow.detector.score(text);
          shadowScore = s.riskScore;
          deps.counters?.shadowed(shadow.version, served.version, s.isThreat !== verdict.is_threat);
        } catch {
          deps.counters?.failed(shadow.version);
        }
      }
      if (opts.llm && opts.llmAudit) verdict = await summariseWithLlm(opts.llm, text, verdict, opts.llmAudit);
      const record = preparePrediction(
        {
          text,
          riskScore: verdict.risk_score,
          label: verdict.label,
          isThreat: verdict.is_threat,
          threshold: verdict.threshold,
          modelVersion: verdict.model_version,
          tags: verdict.tags.map((t) => t.tag),
          latencyUs,
          source: 'triage',
          client: req.principal?.keyId ?? null,
          shadowVersion: shadowScore === null ? null : shadow!.version,
          shadowScore,
        },
        { storeText: deps.config.storeText === 'full', now: deps.clock?.() },
      );
      if (deps.config.logPredictions) deps.stores.writer.enqueue(record);
      deps.metrics.scores.observe(verdict.risk_score);
      deps.metrics.count.predictions(verdict.label, verdict.model_version);
      for (const t of verdict.tags) deps.metrics.count.tag(t.tag);
      return { id: record.id, ...verdict };
    },
  );
}
