import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Tx } from '../db/index.ts';
import { jsonArrayContains } from '../db/dialect.ts';
import { runTemplate, slot, template } from '../db/templates.ts';
import type { Dialect } from '../db/index.ts';
import { conflict, invalid } from '../http/problem.ts';
import { fromRow, type RecordData, type ResourceDef } from '../record/common/resource.ts';
import { agendaItems } from '../record/agenda/schema.ts';
import { agreements } from '../record/agreements/schema.ts';
import { commitments } from '../record/commitments/schema.ts';
import { consensusItems } from '../record/consensus/schema.ts';
import { rounds } from '../record/rounds/schema.ts';
import { statements } from '../record/statements/schema.ts';

/**
 * The outcome of a round (DESIGN §4): what its co-chairs co-sign and what cannot change
 * afterwards — the round itself, its agenda, statements, commitments and agreements, and the
 * consensus items it implements. Only shared records count (public and joint): both parties
 * must compute the same hash, and neither sees the other's internal records. Fields that
 * track what happens after the round (a commitment's or agreement's status, the round's own
 * status) and bookkeeping (updatedAt, logIndex) are not part of it.
 */

/** Kinds hanging from a round by `roundId`. */
const BY_ROUND: readonly ResourceDef[] = [agendaItems, statements, commitments, agreements];
const TRACKING: Record<string, readonly string[]> = { round: ['status'], commitment: ['status'], agreement: ['status'] };
const SHARED = ['public', 'joint'];

/** A record as the outcome holds it. */
export function outcomeForm(def: ResourceDef, rec: RecordData): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rec };
  delete out.updatedAt;
  delete out.logIndex;
  for (const f of TRACKING[def.kind] ?? []) delete out[f];
  return out;
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.id) < String(b.id) ? -1 : 1);

export interface Outcome {
  hash: string;
  /** The canonical document hashed. */
  document: Record<string, unknown>;
}

export async function computeOutcome(tx: Tx, round: RecordData): Promise<Outcome> {
  const records: Record<string, Array<Record<string, unknown>>> = {};
  for (const def of BY_ROUND) {
    const rows = await tx.selectFrom(def.table).selectAll().where('roundId', '=', round.id).where('marking', 'in', SHARED).execute();
    records[def.path] = rows.map((row) => outcomeForm(def, fromRow(def, row))).sort(byId);
  }
  const ids = (round.consensusItemIds as string[]) ?? [];
  const consensus = ids.length
    ? await tx.selectFrom(consensusItems.table).selectAll().where('id', 'in', ids).where('marking', 'in', SHARED).execute()
    : [];
  records[consensusItems.path] = consensus.map((row) => outcomeForm(consensusItems, fromRow(consensusItems, row))).sort(byId);
  const document = { v: 1, mechanismId: round.mechanismId, round: round.number, roundRecord: outcomeForm(rounds, round), records };
  const text = canonicalize(document)!;
  return { hash: createHash('sha256').update(text).digest('hex'), document };
}

/** How to change a concluded outcome. */
export function amendHint(number: unknown): string {
  return `round ${String(number)} is concluded: its outcome is co-signed and does not change. Record an amendment instead: POST /api/v1/amendments {mechanismId, roundId, text}`;
}

const same = (def: ResourceDef, a: RecordData, b: RecordData) => canonicalize(outcomeForm(def, a)) === canonicalize(outcomeForm(def, b));
const shared = (rec: RecordData | undefined) => rec !== undefined && SHARED.includes(String(rec.marking));

/**
 * The write path's guard: refuses (409) a create, change or delete that would alter the
 * outcome of a concluded round. `next` is undefined for a delete. `concluding` lets the
 * conclusion itself set the round's status.
 */
export async function refuseOutcomeChange(
  tx: Tx,
  dialect: Dialect,
  def: ResourceDef,
  next: RecordData | undefined,
  prev: RecordData | undefined,
  concluding = false,
  /** Which of these rounds are concluded: a bulk write that changes no round may remember the answers. */
  concludedAmong: (ids: string[]) => Promise<Array<{ number: unknown }>> = (ids) => findConcluded(tx, ids),
): Promise<void> {
  if (def.kind === 'round') {
    if (prev?.status === 'concluded' && !(next && next.status === 'concluded' && same(def, prev, next) && next.marking === prev.marking)) throw conflict(amendHint(prev.number));
    if (next?.status === 'concluded' && prev?.status !== 'concluded' && !concluding) {
      throw invalid('status', 'a round is concluded only when its co-chairs co-sign the outcome: POST /api/v1/mechanisms/{id}/rounds/{number}/conclude');
    }
    return;
  }
  if (!shared(next) && !shared(prev)) return;
  const concludedRounds = new Set<string>();
  if (BY_ROUND.includes(def)) {
    for (const r of [next?.roundId, prev?.roundId]) if (typeof r === 'string') concludedRounds.add(r);
  }
  let concluded: Array<{ number: unknown }> = [];
  if (concludedRounds.size) {
    concluded = await concludedAmong([...concludedRounds]);
  } else if (def.kind === 'consensusItem') {
    const id = String((next ?? prev)!.id);
    concluded = await tx.selectFrom('rounds').select('number').where('status', '=', 'concluded').where(jsonArrayContains(dialect, 'consensusItemIds', id)).execute();
  }
  if (concluded.length === 0) return;
  if (next && prev && same(def, prev, next) && shared(next) === shared(prev)) return;
  throw conflict(amendHint(concluded[0]!.number));
}

/** The numbers of the concluded rounds among `ids`. */
export async function findConcluded(tx: Tx, ids: readonly string[]): Promise<Array<{ number: unknown }>> {
  // On every write of a round's parts: a compiled template per count of rounds (one or two).
  const t = template(tx, `outcome|concluded-rounds|${ids.length}`, () =>
    tx.selectFrom('rounds').select('number').where('id', 'in', ids.map((_, i) => slot(`r${i}`))).where('status', '=', 'concluded'),
  );
  return runTemplate(tx, t, Object.fromEntries(ids.map((id, i) => [`r${i}`, id])));
}
