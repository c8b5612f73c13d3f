import type { Store } from '../db/index.ts';
import type { Principal } from '../access/principal.ts';
import type { Writer } from '../record/write.ts';

/** What route modules receive from the app. */
export interface AppContext {
  store: Store;
  principalFromToken(token: string | undefined): Promise<Principal>;
  writer(principal: Principal): Writer;
}

/** The session cookie. `__Host-` needs HTTPS; this name also works on plain-http localhost. */
export const SESSION_COOKIE = 'entente_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}
