import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Principal, Role, UserPrincipal } from './principal.ts';
import { slot } from '../db/templates.ts';
import type { Marking } from '../record/common/fields.ts';
import type { Scope } from '../record/common/resource.ts';

/**
 * The one access policy (DESIGN §3). Routes and services never check roles themselves:
 * reads go through `readable` (an SQL condition) and `canRead`, writes through `canWrite`.
 *
 * Markings: public → anyone; joint → members of the mechanism (any party); internal →
 * members of the owner party only. For directory records (parties, people) "members" means
 * any signed-in user, and internal means the owner party's users.
 */

export type WriteAction = 'create' | 'update' | 'delete';

export interface Subject {
  kind: string;
  scope: Scope;
  mechanismId?: string | null | undefined;
  ownerParty: string;
  marking: Marking;
}

export interface WriteContext {
  /** Parties bound by the commitment a delegate's write concerns. */
  commitmentParties?: readonly string[];
  /** Fields the update asks to set (whether or not their values differ). */
  changedFields?: readonly string[];
  /** For assessments: who assesses (self, partner, agreed). */
  assessor?: string;
  /** For mechanisms being created: their parties. */
  mechanismParties?: readonly string[];
}

const EDITORS: ReadonlySet<Role> = new Set(['secretariat', 'co-chair']);

function memberOf(p: UserPrincipal, mechanismId: string | null | undefined): boolean {
  return mechanismId != null && p.roles.has(mechanismId);
}

export function canRead(p: Principal, r: Subject): boolean {
  if (r.marking === 'public' || p.kind === 'system') return true;
  if (p.kind !== 'user') return false;
  const inScope = r.scope === 'directory' ? true : memberOf(p, r.mechanismId);
  if (!inScope) return false;
  return r.marking === 'joint' || r.ownerParty === p.party;
}

/** The SQL form of `canRead` for lists and nested views; `t` is the table alias or name. */
export function readable(p: Principal, scope: Scope, t: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- the condition applies to every record table
    const col = (c: string) => eb.ref(`${t}.${c}`);
    if (p.kind === 'system') return eb(eb.lit(1), '=', eb.lit(1));
    if (p.kind !== 'user') return eb(col('marking'), '=', 'public');
    const internalOwn = eb.and([eb(col('marking'), '=', 'internal'), eb(col('ownerParty'), '=', p.party)]);
    if (scope === 'directory') {
      return eb.or([eb(col('marking'), 'in', ['public', 'joint']), internalOwn]);
    }
    const mechanisms = [...p.roles.keys()];
    if (mechanisms.length === 0) return eb(col('marking'), '=', 'public');
    return eb.or([
      eb(col('marking'), '=', 'public'),
      eb.and([
        eb(col('mechanismId'), 'in', mechanisms),
        eb.or([eb(col('marking'), '=', 'joint'), internalOwn]),
      ]),
    ]);
  };
}

/**
 * What the SQL of `readable(p, …)` depends on, for query templates: a key naming the shape, a
 * principal of placeholders to build the query with, and the values to bind.
 */
export function principalShape(p: Principal): { key: string; placeholder: Principal; values: Record<string, unknown> } {
  if (p.kind !== 'user') return { key: p.kind, placeholder: p, values: {} };
  const values: Record<string, unknown> = { party: p.party };
  const roles = new Map<string, Role>();
  [...p.roles].forEach(([mechanismId, role], i) => {
    values[`m${i}`] = mechanismId;
    roles.set(slot(`m${i}`), role);
  });
  return { key: `user${p.roles.size}`, placeholder: { ...p, party: slot('party'), roles }, values };
}

/**
 * May `p` read log `logId` (its entries, proofs and checkpoints)? A mechanism's joint log
 * holds its public and joint records: its members read it. A party's internal log of a
 * mechanism: that party's members. The directory logs: every signed-in user (joint), the
 * party's users (internal). Entries are whole records, so the public has no log access.
 */
export function canReadLog(p: Principal, logId: string): boolean {
  if (p.kind === 'system') return true;
  if (p.kind !== 'user') return false;
  const [base, party] = logId.split('/');
  if (party !== undefined && party !== p.party) return false;
  return base === 'directory' || memberOf(p, base);
}

/**
 * May `p` create, change or delete `r` (in its state after the write, and before it for
 * updates)? Returns the reason when not, so that denials can say why.
 */
export function canWrite(p: Principal, action: WriteAction, r: Subject, ctx: WriteContext = {}): string | undefined {
  if (p.kind !== 'user') return 'sign in to change records';
  if (p.readOnly) return 'this API token may only read';
  const role = r.scope === 'directory' ? undefined : p.roles.get(r.mechanismId ?? '');

  switch (r.kind) {
    case 'party':
      return p.admin && r.ownerParty === p.party ? undefined : "only an admin of the party may edit the party's record";
    case 'person': {
      const editsAnywhere = [...p.roles.values()].some((x) => EDITORS.has(x));
      if (r.ownerParty !== p.party) return "only the person's own party may edit this record";
      return p.admin || editsAnywhere ? undefined : 'only an admin or a secretariat may edit people';
    }
    case 'mechanism':
      if (r.ownerParty !== p.party) return 'only the owner party may edit the mechanism';
      if (action === 'create') {
        return p.admin && ctx.mechanismParties?.includes(p.party) ? undefined : "only an admin of one of the mechanism's parties may create it";
      }
      if (action === 'delete') return 'mechanisms are not deleted';
      return p.admin || (role && EDITORS.has(role)) ? undefined : 'only the secretariat may edit the mechanism';
  }

  if (!role) return 'you hold no role in this mechanism';

  // Following up a commitment that binds one's own party (status, evidence, self-assessment)
  // is open to delegates and editors of that party, whoever recorded the commitment.
  if (role !== 'observer' && ctx.commitmentParties?.includes(p.party)) {
    const changed = ctx.changedFields ?? [];
    if (r.kind === 'commitment' && action === 'update' && changed.length > 0 && changed.every((f) => f === 'status')) return undefined;
    if (r.ownerParty === p.party && r.kind === 'evidence' && action === 'create') return undefined;
    if (r.ownerParty === p.party && r.kind === 'assessment' && action === 'create' && ctx.assessor === 'self') return undefined;
  }
  if (r.ownerParty !== p.party) return "only the owner party's secretariat may change this record";
  if (EDITORS.has(role)) return undefined;
  return role === 'delegate'
    ? 'a delegate may only update status, evidence and self-assessments of commitments binding their party'
    : 'observers may not change records';
}

/** Marking changes are the owner party's secretariat's alone (DESIGN §3). */
export function canChangeMarking(p: Principal, r: Subject): string | undefined {
  if (p.kind !== 'user') return 'sign in to change records';
  if (p.readOnly) return 'this API token may only read';
  if (r.ownerParty !== p.party) return "only the owner party's secretariat may change a marking";
  if (r.scope === 'directory' || r.kind === 'mechanism') return p.admin ? undefined : 'only an admin may change this marking';
  const role = p.roles.get(r.mechanismId ?? '');
  return role && EDITORS.has(role) ? undefined : "only the owner party's secretariat may change a marking";
}

/**
 * May `p` use the intake (src/intake): draft records from a communiqué's text, and accept a
 * reviewed draft into `mechanismId` (any mechanism when not given)? Those who may create
 * records there: its secretariat and co-chairs. Each record accepted still passes `canWrite`.
 */
export function canIntake(p: Principal, mechanismId?: string): string | undefined {
  if (p.kind !== 'user') return 'sign in to use the intake';
  if (p.readOnly) return 'this API token may only read';
  const mechanisms = mechanismId === undefined ? [...p.roles.keys()] : [mechanismId];
  const creates = (m: string) => canWrite(p, 'create', { kind: 'round', scope: 'mechanism', mechanismId: m, ownerParty: p.party, marking: 'joint' }) === undefined;
  if (mechanisms.some(creates)) return undefined;
  return mechanismId === undefined
    ? "only a mechanism's secretariat or co-chairs may use the intake"
    : "only this mechanism's secretariat or co-chairs may record a round in it";
}

/** The steps of a communiqué's workflow (src/record/communiques/workflow.ts). */
export type CommuniqueStep = 'approve' | 'reopen' | 'schedule' | 'correct' | 'publish' | 'moderate';

/**
 * Who may move a communiqué (DESIGN §3): a co-chair of the mechanism approves it (each
 * party's); the owner party's secretariat reopens, schedules and corrects it and moderates
 * its comments; only the node publishes it, at its embargo.
 */
export function canCommuniqueStep(p: Principal, step: CommuniqueStep, r: Subject): string | undefined {
  if (step === 'publish') return p.kind === 'system' ? undefined : 'communiqués are published by the node at their embargo time';
  if (p.kind !== 'user') return 'sign in first';
  if (p.readOnly) return 'this API token may only read';
  const role = p.roles.get(r.mechanismId ?? '');
  if (step === 'approve') return role === 'co-chair' ? undefined : "only the mechanism's co-chairs approve its communiqués";
  if (r.ownerParty !== p.party) return "only the owner party's secretariat may do this";
  return role && EDITORS.has(role) ? undefined : "only the owner party's secretariat may do this";
}
