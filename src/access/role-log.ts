import type { Tx } from '../db/index.ts';
import { appendLogEntry } from '../ledger/append.ts';
import type { Role } from './principal.ts';

/**
 * Role changes are log entries (DESIGN §4): who may act in a mechanism is part of its shared
 * record. Each change of a user's role in a mechanism (granted, changed, removed: `role` null)
 * goes into that mechanism's joint log, which both parties read.
 */
export async function logRoleChange(
  tx: Tx,
  actor: { username: string; party: string },
  user: { id: string; username: string; party: string },
  mechanismId: string,
  role: Role | null,
): Promise<void> {
  await appendLogEntry(tx, mechanismId, {
    v: 1,
    at: new Date().toISOString(),
    actor: actor.username,
    party: actor.party,
    op: 'roles',
    kind: 'membership',
    id: user.id,
    record: { username: user.username, party: user.party, role },
  });
}
