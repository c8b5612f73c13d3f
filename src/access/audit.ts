import type { Db, Tx } from '../db/index.ts';
import { newId } from '../record/common/id.ts';
import type { Principal } from './principal.ts';

/**
 * The audit trail of access: denied requests, role changes, invitations, resets. Changes of
 * records (markings included) are in the log; this records who was refused or changed access.
 */
export interface AuditEvent {
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Db | Tx, principal: Principal, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      id: newId(),
      at: new Date().toISOString(),
      actor: principal.kind === 'user' ? principal.username : principal.kind,
      party: principal.kind === 'user' ? principal.party : null,
      action: event.action,
      target: event.target ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}
