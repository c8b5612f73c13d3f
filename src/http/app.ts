import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { serializerCompiler } from './serializer.ts';
import { z } from 'zod';
import type { Store } from '../db/index.ts';
import { frameworkErrors, installErrorHandling } from './errors.ts';
import { SESSION_COOKIE, type AppContext } from './context.ts';
import { principalForToken } from '../access/accounts.ts';
import { ANONYMOUS } from '../access/principal.ts';
import { sessionRoutes } from '../access/routes.ts';
import { recordRoutes } from '../record/routes.ts';
import { viewRoutes } from '../record/views.ts';

export interface AppOptions {
  store: Store;
  logLevel?: string;
}

/** Assembles the HTTP server: plugins, principal resolution, error handling and routes. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn' },
    bodyLimit: 1024 * 1024,
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Entente API', version: '1', description: 'The system of record of a consultation mechanism.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const ctx: AppContext = {
    store: opts.store,
    principalFromToken: (token) => principalForToken(opts.store.db, token),
    writer: (principal) => ({ db: opts.store.db, dialect: opts.store.dialect, principal }),
  };

  // Declared once so that every request object keeps the same shape; set before any handler.
  // (null, not an object: Fastify refuses shared reference values; the cast is only for its types)
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.principal = token ? await ctx.principalFromToken(token) : ANONYMOUS;
  });

  const r = app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
  r.get('/api/v1/health', {
    schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
  }, async () => {
    await opts.store.db.selectFrom('meta').select('key').limit(1).execute();
    return { status: 'ok' as const, database: opts.store.dialect };
  });

  sessionRoutes(app, ctx);
  recordRoutes(app, ctx);
  viewRoutes(app, ctx);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
  return app;
}
