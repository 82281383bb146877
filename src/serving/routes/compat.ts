import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../app-deps.js';
import { textsOf } from './score.js';
import { logRoom, scoreTexts, untilLogRoom } from '../score-texts.js';

const CompatBody = Type.Object(
  { texts: Type.Optional(Type.Array(Type.String())), text: Type.Optional(Type.String()) },
  { additionalProperties: true, description: 'Common spam-API shape: {"texts": [...]} (or {"text": "..."}).' },
);
type CompatBody = Static<typeof CompatBody>;

/**
 * Aliases for users coming from common spam-API shapes: POST /score and POST /predict take
 * {"texts": [...]} and answer {"predictions": [...], "results": [...]} with the /v1/score fields
 * plus `prediction` ('spam'/'ham' style) and `probability`.
 */
export function compatRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const path of ['/score', '/predict']) {
    app.post<{ Body: CompatBody }>(
      path,
      { config: { role: 'scorer' }, schema: { tags: ['compatibility'], summary: `Alias of POST /v1/score for {"texts": [...]} clients`, body: CompatBody } },
      async (req) => {
        const { texts } = textsOf({ text: req.body.text, texts: req.body.texts }, deps);
        const room = logRoom(deps);
        if (room) await untilLogRoom(deps, room);
          const results = scoreTexts(deps, texts, { explain: false, source: 'api', principal: req.principal });
        const predictions = results.map((r) => ({ ...r, prediction: r.is_threat ? 'spam' : 'ham', probability: r.risk_score }));
        return { predictions, results: predictions };
      },
    );
  }
}
