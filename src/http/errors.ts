import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { Problem } from './problem.ts';

/** Every error leaves as RFC 9457 problem+json; a 500 says nothing about internals. */
export function installErrorHandling(app: FastifyInstance, onDenied?: (req: FastifyRequest, problem: Problem) => Promise<void>): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    let problem: Problem;
    if (err instanceof Problem) {
      problem = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        field: fieldOf(where, v.instancePath, v.params),
        message: v.message ?? 'is invalid',
      }));
      problem = new Problem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err: err.cause }, 'response did not match its declared schema');
      problem = new Problem(500, 'the server could not produce a valid response');
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      const message = plainMessage(err);
      problem = new Problem(err.statusCode, message, err.statusCode === 400 ? [{ field: '(body)', message }] : []);
    } else {
      req.log.error({ err }, 'unhandled error');
      problem = new Problem(500, 'an unexpected error occurred; it has been logged');
    }
    if ((problem.status === 401 || problem.status === 403) && onDenied) {
      await onDenied(req, problem).catch((e: unknown) => req.log.error({ err: e }, 'could not record a denied request'));
    }
    const retryAfter = (problem as Problem & { retryAfter?: number }).retryAfter;
    if (retryAfter) void reply.header('retry-after', String(retryAfter));
    return reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toJSON()));
  });

  app.setNotFoundHandler((req, reply) => {
    const problem = new Problem(404, `no route ${req.method} ${req.url.split('?')[0]}`);
    void reply.status(404).type('application/problem+json').send(JSON.stringify(problem.toJSON()));
  });
}

function fieldOf(where: string, instancePath: string, params: unknown): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const unknownKeys = (params as { keys?: string[] } | undefined)?.keys;
  const key = unknownKeys?.length ? unknownKeys.join(',') : '';
  const inner = [path, key].filter(Boolean).join('.');
  return where === 'body' ? inner || '(body)' : `${where}${inner ? '.' + inner : ''}`;
}

function plainMessage(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the body as application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the JSON body is empty';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      return err.message.replace(/^FST_\w+:\s*/, '');
  }
}

/** Errors Fastify raises before routing (a malformed URL, an over-long parameter). */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const message = err.code === 'FST_ERR_BAD_URL' ? 'the URL is malformed' : err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : plainMessage(err);
  const problem = new Problem(status, message, [{ field: '(url)', message }]);
  void reply.status(status).type('application/problem+json').send(JSON.stringify(problem.toJSON()));
}
