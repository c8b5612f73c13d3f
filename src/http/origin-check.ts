import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.ts';
import { sessionToken } from './context.ts';

/**
 * The Origin check on state-changing requests that a browser could forge with the session
 * cookie (DESIGN §3). A browser names the page that sends a request in `Origin` and says
 * whether it is cross-site in `Sec-Fetch-Site`; either one pointing elsewhere is refused.
 * Requests carrying neither come from scripts and tools, not from a page. API-token
 * requests carry no cookie and are not at stake. (With SameSite=Strict cookies and JSON-only
 * bodies, a cross-site form cannot reach a write at all; this is the second lock.)
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function checkOrigin(req: FastifyRequest, allowedOrigins: readonly string[]): void {
  if (!UNSAFE.has(req.method) || sessionToken(req) === undefined) return;
  const from = crossOrigin(req, allowedOrigins);
  if (from) throw new Problem(403, `${from} may not change anything here`);
}

/**
 * Where a request comes from when a browser says it is another site's or origin's ("a
 * cross-site request", "requests from https://…"); undefined when it is this origin's or no
 * browser's. Also for routes that act as no one (the public comment form), whatever the cookie.
 */
export function crossOrigin(req: FastifyRequest, allowedOrigins: readonly string[] = []): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} request`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  // A form on a page served with `Referrer-Policy: no-referrer` (helmet's) is sent with
  // `Origin: null`; the browser's own Sec-Fetch-Site then says whether it came from here.
  if (origin === 'null' && site === 'same-origin') return undefined;
  const own = `${req.protocol}://${req.host}`;
  return origin !== own && !allowedOrigins.includes(origin) ? `requests from ${origin}` : undefined;
}
