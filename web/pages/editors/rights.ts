import type { Role, Session } from '../../api/types.ts';

/**
 * What the workspace offers to change (the API decides; src/access/policy.ts): secretariats
 * and co-chairs create records and change their own party's; a member other than an observer
 * follows up commitments binding their party (status, evidence, self-assessment).
 */
export function roleIn(session: Session | undefined, mechanismId: string): Role | undefined {
  return session?.roles?.find((r) => r.mechanismId === mechanismId)?.role;
}

export function mayCreate(session: Session | undefined, mechanismId: string): boolean {
  const role = roleIn(session, mechanismId);
  return role === 'secretariat' || role === 'co-chair';
}

export function mayEdit(session: Session | undefined, mechanismId: string, record: { ownerParty: string }): boolean {
  return mayCreate(session, mechanismId) && record.ownerParty === session?.party;
}

export function mayFollowUp(session: Session | undefined, mechanismId: string, commitment: { parties: readonly string[] }): boolean {
  const role = roleIn(session, mechanismId);
  return role !== undefined && role !== 'observer' && commitment.parties.includes(session?.party ?? '');
}
