import type { FastifyRequest } from 'fastify';
import type { Store } from '../db/index.ts';
import type { Principal } from '../access/principal.ts';
import type { Writer } from '../record/write.ts';
import type { NodeKey } from '../ledger/node-key.ts';
import type { Checkpointer } from '../ledger/checkpoints.ts';
import type { Publisher } from '../record/communiques/workflow.ts';

/** What route modules receive from the app. */
export interface AppContext {
  store: Store;
  principalFromToken(token: string | undefined): Promise<Principal>;
  writer(principal: Principal): Writer;
  /** The node's key and the checkpoint signer of its logs. */
  ledger: { key: NodeKey; checkpointer: Checkpointer };
  /** Publishes communiqués at their embargo. */
  publisher: Publisher;
}

/**
 * The session cookie. Over HTTPS it is `__Host-entente_session` (the browser then insists on
 * Secure, Path=/ and no Domain: no other host or path can set or shadow it). Over plain HTTP —
 * a local installation on localhost — browsers refuse `__Host-` cookies, so the same cookie is
 * named `entente_session` there. Both are HttpOnly and SameSite=Strict.
 */
export const SESSION_COOKIE_SECURE = '__Host-entente_session';
export const SESSION_COOKIE_PLAIN = 'entente_session';

export function sessionCookieName(req: FastifyRequest): string {
  return req.protocol === 'https' ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN;
}

/** The session token the request carries, under whichever name. */
export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE_SECURE] ?? req.cookies[SESSION_COOKIE_PLAIN];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}
