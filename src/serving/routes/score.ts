import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { wardenError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { ErrorSchema, ExplainQuery, ScoreBody, ScoreResult } from '../schemas.js';
import { checkTexts, scoreTexts } from '../score-texts.js';

/** Parses `{ text }` or `{ texts: [...] }` into a list, enforcing the limits. */
export function textsOf(body: ScoreBody, deps: AppDeps): { texts: string[]; single: boolean } {
  const hasText = body.text !== undefined;
  const hasTexts = body.texts !== undefined;
  if (hasText === hasTexts) throw wardenError('INVALID_INPUT', 'send exactly one of "text" (a string) or "texts" (a list of strings)');
  const texts = hasText ? [body.text as string] : (body.texts as string[]);
  if (!hasText && texts.length === 0) throw wardenError('INVALID_INPUT', '"texts" is empty');
  if (texts.length > deps.config.maxBatchTexts) {
    throw wardenError('PAYLOAD_TOO_LARGE', `"texts" has ${texts.length} items; the limit is ${deps.config.maxBatchTexts} (use POST /v1/jobs for more)`);
  }
  checkTexts(texts, deps.config.maxTextLength);
  return { texts, single: hasText };
}

export function scoreRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: ScoreBody; Querystring: ExplainQuery }>(
    '/v1/score',
    {
      config: { role: 'scorer' },
      schema: {
        tags: ['detection'],
        summary: 'Risk score of one message ({text}) or up to 1,000 ({texts})',
        body: ScoreBody,
        querystring: ExplainQuery,
        response: { 200: Type.Union([ScoreResult, Type.Object({ results: Type.Array(ScoreResult) })]), '4xx': ErrorSchema },
      },
    },
    async (req) => {
      const { texts, single } = textsOf(req.body, deps);
      const results = scoreTexts(deps, texts, { explain: req.query.explain === true, source: 'api', principal: req.principal });
      return single ? results[0] : { results };
    },
  );
}
