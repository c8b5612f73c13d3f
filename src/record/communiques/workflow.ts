import { sql } from 'kysely';
import { inTransaction, type Store, type Tx } from '../../db/index.ts';
import { canCommuniqueStep, type CommuniqueStep } from '../../access/policy.ts';
import { SYSTEM } from '../../access/principal.ts';
import { conflict, forbidden, invalid, notFound, Problem } from '../../http/problem.ts';
import type { RecordData } from '../common/resource.ts';
import { findVisible } from '../store.ts';
import { mechanisms } from '../mechanisms/schema.ts';
import { createRecord, updateRecord, within, type Writer } from '../write.ts';
import { RoundsInTurn } from '../../http/rounds-in-turn.ts';
import { communiques, contentHash, type Approval } from './schema.ts';

/**
 * The life of a communiqué (DESIGN §2): the owner party's secretariat drafts it; each party's
 * co-chair approves its content (after re-authentication, checked by the route); when every
 * party has approved the same content it is approved, and scheduled once it has an embargo;
 * the node publishes it at the embargo (status, public marking and publication time in one
 * logged write, every language at once). Each step is a write of the record through the one
 * write path, so approvals and publication are entries of the joint log.
 */

const flow = (w: Writer): Writer => ({ ...w, workflow: 'communique' });

/** The communiqué as the principal sees it, and whether it may take `step`. */
async function subject(w: Writer, tx: Tx, id: string, step: CommuniqueStep): Promise<RecordData> {
  const rec = await findVisible(tx, w.principal, communiques, id);
  if (!rec) throw notFound(`communiqué ${id}`);
  const why = canCommuniqueStep(w.principal, step, { kind: 'communique', scope: 'mechanism', mechanismId: rec.mechanismId, ownerParty: rec.ownerParty, marking: rec.marking });
  if (why) throw forbidden(why);
  return rec;
}

function requireStatus(rec: RecordData, allowed: readonly string[], what: string): void {
  if (!allowed.includes(String(rec.status))) throw conflict(`communiqué ${rec.id} is ${String(rec.status)}: ${what}`);
}

/** A co-chair approves the communiqué's current content for their party. */
export async function approveCommunique(w: Writer, id: string, tx?: Tx): Promise<RecordData> {
  return within(w, tx, async (t) => {
    const rec = await subject(w, t, id, 'approve');
    requireStatus(rec, ['draft', 'approved'], 'only a draft is approved (reopen a scheduled one to change it)');
    if (w.principal.kind !== 'user') throw forbidden('sign in first');
    const mechanism = await findVisible(t, w.principal, mechanisms, String(rec.mechanismId));
    const parties = (mechanism?.parties as string[] | undefined) ?? [];
    const hash = contentHash(rec);
    const mine: Approval = { party: w.principal.party, username: w.principal.username, at: (w.now?.() ?? new Date()).toISOString(), contentHash: hash };
    const approvals = [...((rec.approvals as Approval[]) ?? []).filter((a) => a.party !== mine.party && a.contentHash === hash), mine];
    const everyone = parties.length > 0 && parties.every((p) => approvals.some((a) => a.party === p));
    const status = !everyone ? 'draft' : rec.embargo ? 'scheduled' : 'approved';
    return updateRecord(flow(w), communiques, id, { approvals, status }, t);
  });
}

/** The secretariat takes an approved or scheduled communiqué back to a draft; approvals lapse. */
export async function reopenCommunique(w: Writer, id: string, tx?: Tx): Promise<RecordData> {
  return within(w, tx, async (t) => {
    const rec = await subject(w, t, id, 'reopen');
    requireStatus(rec, ['approved', 'scheduled'], 'only an approved or scheduled communiqué is reopened');
    return updateRecord(flow(w), communiques, id, { status: 'draft', approvals: [] }, t);
  });
}

/**
 * The secretariat sets, moves or clears the embargo of an approved communiqué (a draft's
 * embargo is part of the draft). An embargo in the past publishes it at once.
 */
export async function scheduleCommunique(w: Writer, id: string, embargo: string | null, tx?: Tx): Promise<RecordData> {
  return within(w, tx, async (t) => {
    const rec = await subject(w, t, id, 'schedule');
    requireStatus(rec, ['approved', 'scheduled'], 'only an approved communiqué is scheduled (a draft keeps its embargo in the draft)');
    return updateRecord(flow(w), communiques, id, { embargo, status: embargo ? 'scheduled' : 'approved' }, t);
  });
}

/**
 * A correction of a published communiqué: a new version (a draft, approved and published like
 * the first), whose page shows the dated note; the earlier text stays readable.
 */
export async function correctCommunique(w: Writer, id: string, input: { title?: unknown; text?: unknown; correctionNote: unknown }, tx?: Tx): Promise<RecordData> {
  return within(w, tx, async (t) => {
    const rec = await subject(w, t, id, 'correct');
    requireStatus(rec, ['published'], 'only a published communiqué is corrected (edit the draft instead)');
    const newer = await t.selectFrom('communiques').select('id').where('previousId', '=', id).executeTakeFirst();
    if (newer) throw conflict(`communiqué ${id} has a correction already (${newer.id}): correct that one`);
    if (input.correctionNote === undefined || input.correctionNote === null) throw invalid('correctionNote', 'say what the correction changes');
    return createRecord(
      flow(w),
      communiques,
      {
        mechanismId: rec.mechanismId,
        roundId: rec.roundId ?? undefined,
        eventId: rec.eventId ?? undefined,
        title: input.title ?? rec.title,
        text: input.text ?? rec.text,
        version: Number(rec.version) + 1,
        previousId: id,
        correctionNote: input.correctionNote,
      },
      t,
    );
  });
}

/**
 * Publishes every scheduled communiqué whose embargo has come (the node, as SYSTEM). Each in
 * its own transaction, its row locked first (PostgreSQL: another server process publishing at
 * the same moment waits, then finds it published). Returns those published and those refused
 * (a communiqué whose round is not public cannot become public: the write path says why).
 */
export async function publishDue(store: Store, now = new Date()): Promise<{ published: string[]; refused: Array<{ id: string; reason: string }> }> {
  const at = now.toISOString();
  const due = await store.db.selectFrom('communiques').select('id').where('status', '=', 'scheduled').where('embargo', '<=', at).orderBy('embargo').execute();
  const published: string[] = [];
  const refused: Array<{ id: string; reason: string }> = [];
  const w: Writer = { db: store.db, dialect: store.dialect, principal: SYSTEM, now: () => now, workflow: 'communique' };
  for (const { id } of due) {
    try {
      const done = await inTransaction(store.db, async (tx) => {
        const lock = store.dialect === 'postgres' ? sql`for update` : sql``;
        const still = await sql<{ id: string }>`select id from communiques where id = ${String(id)} and status = 'scheduled' ${lock}`.execute(tx);
        if (still.rows.length === 0) return false;
        await subject(w, tx, String(id), 'publish');
        await updateRecord(w, communiques, String(id), { status: 'published', marking: 'public', publishedAt: at }, tx);
        return true;
      });
      if (done) published.push(String(id));
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      refused.push({ id: String(id), reason: err.detail });
    }
  }
  return { published, refused };
}

/** The server's side: publishes what is due every second, stopped with the server. */
export class Publisher {
  private readonly rounds: RoundsInTurn;
  private readonly told = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly onRefused: (refused: { id: string; reason: string }) => void,
    onError: (err: unknown) => void,
  ) {
    this.rounds = new RoundsInTurn(onError);
  }

  start(intervalMs = 1000): void {
    this.rounds.every(intervalMs, () => this.publish());
  }

  /** Publishes what is due now, after any round in progress. */
  now(): Promise<string[]> {
    return this.rounds.now(() => this.publish());
  }

  /** One round (never itself through `rounds`: it would wait for itself). */
  private async publish(): Promise<string[]> {
    const { published, refused } = await publishDue(this.store);
    // Said once per communiqué (it stays due, and is tried again every second).
    for (const r of refused) {
      if (this.told.has(r.id)) continue;
      this.told.add(r.id);
      this.onRefused(r);
    }
    return published;
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
