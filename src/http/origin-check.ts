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
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new Problem(403, `a ${site} request may not change anything here`);
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  // A form on a page served with `Referrer-Policy: no-referrer` (helmet's) is sent with
  // `Origin: null`; the browser's own Sec-Fetch-Site then says whether it came from here.
  if (origin === 'null' && site === 'same-origin') return;
  const own = `${req.protocol}://${req.host}`;
  if (origin !== own && !allowedOrigins.includes(origin)) {
    throw new Problem(403, `requests from ${origin} may not change anything here`);
  }
}
