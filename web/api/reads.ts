import { entente } from './entente.ts';
import type { Read } from './early-reads.ts';
import type { MechanismOverview, Party, Session } from './types.ts';

/** The reads every page under the guard makes, named once for the pages and the boot code (web/main.ts). */

export const sessionRead: Read<Session> = { key: 'session', load: (signal) => entente.session(signal) };

/** The parties: a small public directory, names in every language. */
export const partiesRead: Read<Party[]> = { key: 'parties', load: (signal) => entente.parties(signal) };

/** A mechanism and its rounds, loaded once for all of its pages. */
export function overviewRead(mechanismId: string): Read<MechanismOverview> {
  return { key: `overview:${mechanismId}`, load: (signal) => entente.overview(mechanismId, signal) };
}
