import { Type, type Static } from '@sinclair/typebox';

/** One schema = validation + TypeScript type + OpenAPI document. */
export const TextBody = Type.Object(
  { text: Type.String({ description: 'The message to analyse (1 to WARDEN_MAX_TEXT_LENGTH characters).' }) },
  { additionalProperties: false },
);
export type TextBody = Static<typeof TextBody>;

export const ScoreBody = Type.Object(
  {
    text: Type.Optional(Type.String({ description: 'One message.' })),
    texts: Type.Optional(Type.Array(Type.String(), { description: 'Up to 1,000 messages.' })),
  },
  { additionalProperties: false, description: 'Exactly one of `text` or `texts`.' },
);
export type ScoreBody = Static<typeof ScoreBody>;

export const ExplainQuery = Type.Object({ explain: Type.Optional(Type.Boolean({ default: false })) });
export type ExplainQuery = Static<typeof ExplainQuery>;

export const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
export const TagSchema = Type.Object({ tag: Type.String(), reason: Type.String(), spans: Type.Array(Span), weight: Type.Optional(Type.Number()) });

export const ScoreResult = Type.Object({
  id: Type.String(),
  risk_score: Type.Number(),
  is_threat: Type.Boolean(),
  label: Type.Union([Type.Literal('benign'), Type.Literal('spam'), Type.Literal('phishing')]),
  threshold: Type.Number(),
  model_version: Type.String(),
  tags: Type.Optional(Type.Array(TagSchema)),
  top_features: Type.Optional(Type.Array(Type.Object({ feature: Type.String(), contribution: Type.Number(), direction: Type.String(), spans: Type.Array(Span) }))),
});
export type ScoreResult = Static<typeof ScoreResult>;

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
});

export const LabelSchema = Type.Union([Type.Literal('benign'), Type.Literal('spam'), Type.Literal('phishing')]);

export const FeedbackBody = Type.Object(
  {
    prediction_id: Type.Optional(Type.String({ maxLength: 64 })),
    text: Type.Optional(Type.String()),
    label: Type.String({ description: 'benign, spam or phishing (ham/smishing/… are folded).' }),
    analyst: Type.Optional(Type.String({ maxLength: 200 })),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const PredictionsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  label: Type.Optional(LabelSchema),
  min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  max_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  model_version: Type.Optional(Type.String({ maxLength: 64 })),
  has_feedback: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type PredictionsQuery = Static<typeof PredictionsQuery>;

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type IdParams = Static<typeof IdParams>;
export const VersionParams = Type.Object({ version: Type.String({ maxLength: 64 }) });
export type VersionParams = Static<typeof VersionParams>;
