import { sign, verify, createPublicKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import { inTransaction, type Tx } from '../db/index.ts';
import type { CosignaturesTable } from '../db/schema.ts';
import { conflict, forbidden, notFound } from '../http/problem.ts';
import type { UserPrincipal } from '../access/principal.ts';
import { openSigningKey } from '../access/signing-keys.ts';
import { appendLogEntry, logHead } from '../ledger/append.ts';
import { rootFromFrontier } from '../ledger/merkle.ts';
import { fromRow, type RecordData } from '../record/common/resource.ts';
import { rounds } from '../record/rounds/schema.ts';
import { findVisible } from '../record/store.ts';
import { mechanisms } from '../record/mechanisms/schema.ts';
import { updateRecord, type Writer } from '../record/write.ts';
import { computeOutcome } from './outcome.ts';

/**
 * Co-signing a round's outcome (DESIGN §4). Each co-chair signs, with their personal key,
 * the canonical JSON of `{mechanismId, round, outcomeHash, logSize, root}` — the outcome and
 * the joint log's tree as it stood — and the signature becomes an entry of the joint log.
 * When a co-chair of every party of the round has signed the same, current outcome, the round
 * is concluded (a further entry) and its outcome cannot change.
 */

/** A stored co-signature as the API shows it (the signer's user id stays inside). */
export type Cosignature = Omit<CosignaturesTable, 'roundId' | 'userId'>;

/** The bytes a co-chair signs. */
export function cosignMessage(s: { mechanismId: string; round: number; outcomeHash: string; logSize: number; root: string }): Buffer {
  return Buffer.from(canonicalize({ mechanismId: s.mechanismId, round: s.round, outcomeHash: s.outcomeHash, logSize: s.logSize, root: s.root })!, 'utf8');
}

export function verifyCosignature(s: { mechanismId: string; round: number; outcomeHash: string; logSize: number; root: string; publicKey: string; signature: string }): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(s.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    return verify(null, cosignMessage(s), key, Buffer.from(s.signature, 'base64'));
  } catch {
    return false;
  }
}

async function roundOf(tx: Tx, p: UserPrincipal, mechanismId: string, number: number): Promise<RecordData> {
  const row = await tx.selectFrom('rounds').selectAll().where('mechanismId', '=', mechanismId).where('number', '=', number).executeTakeFirst();
  const round = row ? await findVisible(tx, p, rounds, String(row.id)) : undefined;
  if (!round) throw notFound(`round ${number} of mechanism ${mechanismId}`);
  return round;
}

/** The parties whose co-chairs must sign: the round's co-chairs', else the mechanism's parties. */
async function signingParties(tx: Tx, p: UserPrincipal, round: RecordData): Promise<string[]> {
  const named = (round.coChairs as Array<{ party: string }>).map((c) => c.party);
  if (named.length) return [...new Set(named)].sort();
  const mechanism = await findVisible(tx, p, mechanisms, String(round.mechanismId));
  return [...((mechanism?.parties as string[]) ?? [])].sort();
}

export async function cosignaturesOf(tx: Tx | Writer['db'], roundId: string): Promise<Cosignature[]> {
  const rows = await tx.selectFrom('cosignatures').selectAll().where('roundId', '=', roundId).orderBy('party').execute();
  return rows.map(({ roundId: _round, userId: _user, ...sig }) => ({ ...sig, logSize: Number(sig.logSize), logIndex: Number(sig.logIndex) }));
}

export interface OutcomeState {
  mechanismId: string;
  round: number;
  outcomeHash: string;
  concluded: boolean;
  parties: string[];
  cosignatures: Array<Cosignature & { current: boolean; valid: boolean }>;
}

export async function outcomeState(tx: Tx, p: UserPrincipal, mechanismId: string, number: number): Promise<OutcomeState> {
  const round = await roundOf(tx, p, mechanismId, number);
  const outcome = await computeOutcome(tx, round);
  const sigs = await cosignaturesOf(tx, String(round.id));
  return {
    mechanismId,
    round: number,
    outcomeHash: outcome.hash,
    concluded: round.status === 'concluded',
    parties: await signingParties(tx, p, round),
    cosignatures: judged(sigs, mechanismId, number, outcome.hash),
  };
}

/** Each signature with whether it signs the current outcome and whether it verifies. */
function judged(sigs: Cosignature[], mechanismId: string, round: number, outcomeHash: string): OutcomeState['cosignatures'] {
  return sigs.map((s) => ({ ...s, current: s.outcomeHash === outcomeHash, valid: verifyCosignature({ ...s, mechanismId, round }) }));
}

/** A co-chair signs the round's current outcome; concludes it when every party has. */
export async function cosign(w: Writer & { principal: UserPrincipal }, mechanismId: string, number: number, password: string): Promise<OutcomeState> {
  const p = w.principal;
  if (p.roles.get(mechanismId) !== 'co-chair') throw forbidden('only the co-chairs of this mechanism co-sign its outcomes');
  // The key is opened (scrypt) before the transaction, which then stays short.
  const key = await openSigningKey(w.db, p.userId, password);
  return inTransaction(w.db, async (tx) => {
    const round = await roundOf(tx, p, mechanismId, number);
    if (round.status === 'concluded') throw conflict(`round ${number} is concluded already`);
    if (round.marking === 'internal') throw conflict('an internal round has no shared outcome to co-sign');
    const parties = await signingParties(tx, p, round);
    if (!parties.includes(p.party)) throw forbidden(`party ${p.party} does not co-chair round ${number}`);
    const outcome = await computeOutcome(tx, round);

    // The joint log as it stands, its row locked until the signature is in it.
    const log = await logHead(tx, mechanismId);
    const logSize = log.size;
    const root = rootFromFrontier(log.frontier).toString('base64');
    const signed = { mechanismId, round: number, outcomeHash: outcome.hash, logSize, root };
    const signature = sign(null, cosignMessage(signed), key.privateKey).toString('base64');
    const at = new Date().toISOString();
    const logIndex = await appendLogEntry(tx, mechanismId, {
      v: 1,
      at,
      actor: p.username,
      party: p.party,
      op: 'cosign',
      kind: 'round',
      id: String(round.id),
      record: { ...signed, party: p.party, publicKey: key.publicKey, signature },
    });
    await tx.deleteFrom('cosignatures').where('roundId', '=', String(round.id)).where('party', '=', p.party).execute();
    await tx
      .insertInto('cosignatures')
      .values({ roundId: String(round.id), party: p.party, userId: p.userId, username: p.username, outcomeHash: outcome.hash, logSize, root, publicKey: key.publicKey, signature, logIndex, at })
      .execute();

    const sigs = await cosignaturesOf(tx, String(round.id));
    const agreed = parties.every((party) => sigs.some((s) => s.party === party && s.outcomeHash === outcome.hash));
    if (agreed) await updateRecord({ ...w, concluding: true }, rounds, String(round.id), { status: 'concluded' }, tx);
    const after = fromRow(rounds, (await tx.selectFrom('rounds').selectAll().where('id', '=', String(round.id)).executeTakeFirstOrThrow()) as Record<string, unknown>);
    return {
      mechanismId,
      round: number,
      outcomeHash: outcome.hash,
      concluded: after.status === 'concluded',
      parties,
      cosignatures: judged(sigs, mechanismId, number, outcome.hash),
    };
  });
}
