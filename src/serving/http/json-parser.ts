import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { wardenError } from '../../errors.js';

/**
 * JSON bodies are read as bytes and checked for valid UTF-8 before parsing: the default parser
 * would silently turn bad bytes into U+FFFD and score a different text than the one sent.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    if (body.length === 0) {
      done(wardenError('INVALID_JSON', 'the body is empty; send a JSON object'), undefined);
      return;
    }
    if (!isUtf8(body)) {
      done(wardenError('INVALID_UTF8', 'the body is not valid UTF-8'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch (err) {
      done(wardenError('INVALID_JSON', `the body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });
}
