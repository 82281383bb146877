/** Query parameters of the upload routes (POST /v1/batch, POST /v1/jobs). */
export interface UploadQuery {
  text_col?: string;
  id_col?: string;
  format?: string;
}

export const uploadQuerySchema = {
  type: 'object',
  properties: {
    text_col: { type: 'string', minLength: 1, maxLength: 200 },
    id_col: { type: 'string', minLength: 1, maxLength: 200 },
    format: { type: 'string', enum: ['auto', 'csv', 'tsv', 'jsonl', 'uci'] },
  },
  additionalProperties: false,
} as const;
