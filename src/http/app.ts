import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { serializerCompiler } from './serializer.ts';
import { z } from 'zod';
import type { Store } from '../db/index.ts';
import { frameworkErrors, installErrorHandling } from './errors.ts';
import { sessionToken, type AppContext } from './context.ts';
import { principalForToken } from '../access/accounts.ts';
import { ANONYMOUS, type Principal } from '../access/principal.ts';
import { sessionRoutes } from '../access/routes.ts';
import { meRoutes } from '../access/me-routes.ts';
import { adminRoutes } from '../access/admin-routes.ts';
import { principalForApiToken } from '../access/api-tokens.ts';
import { recordAudit } from '../access/audit.ts';
import { configureSignInLimits, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../access/login-throttle.ts';
import { Problem } from './problem.ts';
import { checkOrigin } from './origin-check.ts';
import { checkCsrf } from './csrf.ts';
import { recordRoutes } from '../record/routes.ts';
import { viewRoutes } from '../record/views.ts';
import { logRoutes } from '../ledger/routes.ts';
import { outcomeRoutes } from '../outcome/routes.ts';
import { communiqueRoutes } from '../record/communiques/routes.ts';
import { commentRoutes } from '../public/comments/routes.ts';
import { intakeRoutes } from '../intake/routes.ts';
import { publicSiteRoutes } from '../public/site/routes.ts';
import { Publisher } from '../record/communiques/workflow.ts';
import { loadNodeKey } from '../ledger/node-key.ts';
import { Checkpointer } from '../ledger/checkpoints.ts';
import { workspaceRoutes } from './workspace.ts';
import { workspacePaths } from './workspace-build.ts';

export interface AppOptions {
  store: Store;
  /** Where the node's key is (made there at first start). */
  dataDir: string;
  /** How often to sign checkpoints of logs that grew (ms); 0: only on demand. Default 1000. */
  checkpointEveryMs?: number;
  logLevel?: string;
  /** Origins besides the server's own that may send state-changing requests with a session. */
  allowedOrigins?: readonly string[];
  /** Behind a TLS-terminating proxy: take the protocol and client address from X-Forwarded-*. */
  trustProxy?: boolean;
  /** Limits on failed sign-ins; the defaults unless a test suite relaxes them. */
  signInLimits?: SignInLimits;
  /**
   * Benchmarks only (bench/unguarded-server.ts): every request runs as this principal, with no
   * session or token lookup and no Origin or CSRF check, to measure what the access layer
   * costs. Nothing in the CLI or the environment sets it.
   */
  fixedPrincipal?: Principal;
  /** The built workspace (web/dist by default) served under /workspace/. */
  workspaceDir?: string;
}

/** Assembles the HTTP server: plugins, principal resolution, error handling and routes. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  configureSignInLimits(opts.signInLimits ?? DEFAULT_SIGN_IN_LIMITS);
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn' },
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every refused request is recorded: who, what, when (DESIGN §3).
  installErrorHandling(app, (req, problem) =>
    recordAudit(opts.store.db, req.principal ?? ANONYMOUS, { action: 'denied', target: `${req.method} ${req.url.split('?')[0]}`, detail: { status: problem.status, reason: problem.detail } }),
  );

  await app.register(cookie);
  // Security headers with a strict Content-Security-Policy: nothing but this origin. The
  // workspace (/workspace/) fits it as it is: Vite emits module scripts and stylesheets as
  // files, and the app sets no inline script, style element or style attribute.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Entente API', version: '1', description: 'The system of record of a consultation mechanism.' },
    },
    transform: jsonSchemaTransform,
  });
  // The docs page's own inline script and style are allowed by hash (staticCSP), nothing else.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const key = await loadNodeKey(opts.store.db, opts.dataDir);
  const checkpointer = new Checkpointer(opts.store, key, (err) => app.log.error({ err }, 'signing checkpoints failed'));
  if ((opts.checkpointEveryMs ?? 1000) > 0) checkpointer.start(opts.checkpointEveryMs ?? 1000);
  app.addHook('onClose', () => checkpointer.stop());
  const publisher = new Publisher(
    opts.store,
    (refused) => app.log.warn({ communique: refused.id }, `a communiqué due for publication was refused: ${refused.reason}`),
    (err) => app.log.error({ err }, 'publishing communiqués failed'),
  );
  if ((opts.checkpointEveryMs ?? 1000) > 0) publisher.start();
  app.addHook('onClose', () => publisher.stop());
  const ctx: AppContext = {
    store: opts.store,
    principalFromToken: (token) => principalForToken(opts.store.db, token),
    writer: (principal) => ({ db: opts.store.db, dialect: opts.store.dialect, principal }),
    ledger: { key, checkpointer },
    publisher,
  };

  // Declared once so that every request object keeps the same shape; set before any handler.
  // (null, not an object: Fastify refuses shared reference values; the cast is only for its types)
  app.decorateRequest('principal', null as never);
  const fixed = opts.fixedPrincipal;
  if (fixed) app.addHook('onRequest', async (req) => void (req.principal = fixed));
  else app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const bearer = /^Bearer ([^\s]{1,200})$/.exec(auth);
      req.principal = bearer ? await principalForApiToken(opts.store.db, bearer[1]!) : ANONYMOUS;
      if (req.principal.kind !== 'user') throw new Problem(401, 'the API token is malformed, unknown or revoked');
      return;
    }
    const token = sessionToken(req);
    req.principal = token ? await ctx.principalFromToken(token) : ANONYMOUS;
    checkOrigin(req, opts.allowedOrigins ?? []);
    checkCsrf(req);
  });

  const r = app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
  r.get('/api/v1/health', {
    schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
  }, async () => {
    await opts.store.db.selectFrom('meta').select('key').limit(1).execute();
    return { status: 'ok' as const, database: opts.store.dialect };
  });

  sessionRoutes(app, ctx);
  meRoutes(app, ctx);
  adminRoutes(app, ctx);
  recordRoutes(app, ctx);
  viewRoutes(app, ctx);
  logRoutes(app, ctx);
  outcomeRoutes(app, ctx);
  communiqueRoutes(app, ctx);
  commentRoutes(app, ctx, { dataDir: opts.dataDir });
  intakeRoutes(app, ctx);

  await workspaceRoutes(app, opts.workspaceDir ?? workspacePaths().distDir);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  publicSiteRoutes(app, ctx);
  return app;
}
