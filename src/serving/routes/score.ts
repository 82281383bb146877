import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { wardenError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { ErrorSchema, ExplainQuery, ScoreBody, ScoreResult } from '../schemas.js';
import { checkTexts, logRoom, scoreTexts, untilLogRoom } from '../score-texts.js';

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
    async (req, reply) => {
      const { texts, single } = textsOf(req.body, deps);
      const explain = req.query.explain === true;
      const room = logRoom(deps);
      if (room) await untilLogRoom(deps, room);
      const results = scoreTexts(deps, texts, { explain, source: 'api', principal: req.principal });
      // Without explanations every result holds exactly the schema's fields, in its order, so
      // JSON.stringify writes the very bytes the schema serializer would, without the union's
      // per-response validation pass (a cost per message in a batch). Set last: an error
      // thrown above is still written by the error handler's serializer. A custom serializer
      // leaves the content type unset, so it is set here as Fastify would.
      if (!explain) reply.type('application/json; charset=utf-8').serializer(JSON.stringify);
      return single ? results[0] : { results };
    },
  );
}
