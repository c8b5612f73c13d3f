import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound, Problem } from './problem.ts';

/** Where the workspace is served; the site root stays for the public site. */
export const WORKSPACE_PATH = '/workspace/';

/** Vite names built assets by content: a year's caching is safe, and a new build has new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: revalidate it on every load. */
const REVALIDATE = 'no-cache';

/**
 * The workspace (web/, built into web/dist by src/http/workspace-build.ts) under /workspace/.
 * Each built file is a route of its own; every other path under /workspace/ that looks like a
 * page gets index.html, whose router draws it (deep links, reloads). A missing asset is a 404,
 * never index.html: a browser holding an old page must not run HTML as a script.
 */
export async function workspaceRoutes(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const index = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : undefined;
  await app.register(async (scope) => {
    if (index) {
      await scope.register(fastifyStatic, {
        root: distDir,
        prefix: WORKSPACE_PATH,
        // Routes for the files there at start (the build is made before the server starts):
        // no filesystem lookup for a path that is not a file.
        wildcard: false,
        index: false,
        decorateReply: false,
        // The build writes .br and .gz beside each script and stylesheet (web/vite.config.ts):
        // sent to browsers that accept them, with Vary: Accept-Encoding.
        preCompressed: true,
        cacheControl: false,
        setHeaders(reply, file) {
          const assets = path.join(distDir, 'assets') + path.sep;
          void reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
        },
      });
    }
    scope.get('/workspace', { schema: { hide: true } }, async (_req, reply) => reply.redirect(WORKSPACE_PATH, 301));
    scope.get('/workspace/*', { schema: { hide: true } }, async (req, reply) => {
      const rest = (req.params as { '*': string })['*'];
      // A file's name has a dot; the app's own paths never do.
      if (rest.startsWith('assets/') || rest.split('/').at(-1)!.includes('.')) throw notFound(`${WORKSPACE_PATH}${rest}`);
      if (!index) throw new Problem(503, 'the workspace is not built: start the server with `npm start`, which builds it');
      return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(index);
    });
  });
}
