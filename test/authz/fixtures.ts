import { randomBytes } from 'node:crypto';
import type { Demo } from '../support/app.ts';
import { grantRole, principalByName } from '../../src/access/accounts.ts';
import { approveCommunique, publishDue } from '../../src/record/communiques/workflow.ts';
import { MARKINGS, PRINCIPALS, SCOPE, World, type Marking, type Party, type Role, type Subject } from './oracle.ts';

/**
 * The records the matrix reads and writes: one target of each kind × each marking, created
 * through the API as cn-secretariat (people, rounds, ...) or cn-admin (mechanisms), each with
 * a unique marker text; and a registry of every record the matrix made, for the leak checks.
 */

export interface Rec extends Subject {
  kind: string;
  /** Unique texts in the record's text fields, MARK-<kind>-<marking>-<random>. */
  marker: string;
  /** Commitments: the parties bound. */
  parties?: string[];
  /** Rounds: the number. */
  number?: number;
  /** Communiqués: the workflow status (draft, approved, scheduled, published). */
  status?: string;
  deleted?: boolean;
  /**
   * Ever public or joint: its entries of that time are in its mechanism's joint log (an
   * append-only log keeps them), so its id and marker may appear there for every reader of
   * that log, whatever its marking now.
   */
  shared?: boolean;
}

/** Changes the marking the registry knows a record by (after a marking change the server accepted). */
export function setMarking(r: Rec, m: Marking): void {
  r.marking = m;
  if (m !== 'internal') r.shared = true;
}

/** Every record kind with its URL path; `deletable` as the rules say (directory records and mechanisms never are). */
export const KINDS: ReadonlyArray<{ kind: string; path: string; deletable: boolean }> = [
  { kind: 'party', path: 'parties', deletable: false },
  { kind: 'person', path: 'people', deletable: false },
  { kind: 'mechanism', path: 'mechanisms', deletable: false },
  { kind: 'event', path: 'events', deletable: true },
  { kind: 'consensusItem', path: 'consensus-items', deletable: true },
  { kind: 'round', path: 'rounds', deletable: true },
  { kind: 'agendaItem', path: 'agenda-items', deletable: true },
  { kind: 'agreement', path: 'agreements', deletable: true },
  { kind: 'statement', path: 'statements', deletable: true },
  { kind: 'commitment', path: 'commitments', deletable: true },
  { kind: 'evidence', path: 'evidence', deletable: true },
  { kind: 'assessment', path: 'assessments', deletable: true },
  { kind: 'position', path: 'positions', deletable: true },
  { kind: 'support', path: 'supports', deletable: true },
  { kind: 'milestone', path: 'milestones', deletable: true },
  { kind: 'amendment', path: 'amendments', deletable: false },
  { kind: 'communique', path: 'communiques', deletable: true },
];
export const SCOPED_KINDS = KINDS.filter((k) => SCOPE[k.kind] === 'mechanism');
export const pathOf = (kind: string): string => KINDS.find((k) => k.kind === kind)!.path;

/** The text field each kind keeps its marker in, and that PATCH cases change. */
export const TEXT_FIELD: Record<string, string> = {
  party: 'name',
  person: 'name',
  mechanism: 'purpose',
  event: 'title',
  consensusItem: 'text',
  round: 'place',
  agendaItem: 'title',
  agreement: 'title',
  statement: 'text',
  commitment: 'text',
  evidence: 'note',
  assessment: 'reason',
  position: 'stance',
  support: 'wording',
  milestone: 'title',
  amendment: 'text',
  communique: 'title',
};

export const MARKER = /MARK-[A-Za-z]+-(?:public|joint|internal)-[0-9a-z]+/g;
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let serial = 0;
export function newMarker(kind: string, marking: Marking): string {
  return `MARK-${kind}-${marking}-${randomBytes(4).toString('hex')}${(serial++).toString(36)}`;
}

/** A well-formed record id (UUIDv7 shape) that no record has. */
export function absentId(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every record the matrix made (and the seed's internal notes), by id and by marker. */
export class Registry {
  readonly byId = new Map<string, Rec>();
  readonly byMarker = new Map<string, Rec>();

  add(r: Rec): Rec {
    if (r.marking !== 'internal') r.shared = true;
    this.byId.set(r.id, r);
    this.byMarker.set(r.marker, r);
    return r;
  }

  /** Registers a record from an API answer (201 of a create). */
  fromResponse(kind: string, marker: string, body: Record<string, unknown>): Rec {
    const scope = SCOPE[kind]!;
    const id = String(body.id);
    return this.add({
      id,
      kind,
      scope,
      mechanismId: scope === 'root' ? id : scope === 'mechanism' ? String(body.mechanismId) : null,
      ownerParty: String(body.ownerParty),
      marking: body.marking as Marking,
      marker,
      ...(Array.isArray(body.parties) ? { parties: body.parties as string[] } : {}),
      ...(typeof body.number === 'number' ? { number: body.number } : {}),
      ...(kind === 'communique' ? { status: String(body.status) } : {}),
    });
  }
}

/** The parents and links a body refers to. */
export interface Links {
  round: string;
  commitment: string;
  position: string;
  person?: string;
  event?: string;
  consensusItem?: string;
}

export interface BodyArgs {
  mechanismId: string;
  marking: Marking;
  marker: string;
  /** The writer's party (cn when signed out): whose people, positions and self-assessments. */
  party: Party;
  links: Links;
  roundNumber: () => number;
}

const t = (s: string) => ({ en: s });

/** A valid create body per kind. */
export const CREATE: Record<string, (a: BodyArgs) => Record<string, unknown>> = {
  party: (a) => ({ marking: a.marking, code: 'cn', name: t(a.marker), workingLanguages: ['zh'] }),
  person: (a) => ({ marking: a.marking, party: a.party, name: t(a.marker), titles: [{ title: t('Official'), from: '2020' }] }),
  mechanism: (a) => ({ marking: a.marking, name: t(a.marker), parties: ['cn', 'ru'], purpose: t(a.marker), hostRotation: ['cn', 'ru'] }),
  event: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    kind: 'meeting',
    date: '2025-06',
    title: t(a.marker),
    participantIds: a.links.person ? [a.links.person] : [],
  }),
  consensusItem: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    text: t(a.marker),
    ...(a.links.event ? { sourceEventId: a.links.event } : {}),
    leaderIds: a.links.person ? [a.links.person] : [],
  }),
  round: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    number: a.roundNumber(),
    startDate: '2026-03-01',
    place: t(a.marker),
    hostParty: 'cn',
    coChairs: a.links.person ? [{ party: 'cn', personId: a.links.person }] : [],
    consensusItemIds: a.links.consensusItem ? [a.links.consensusItem] : [],
  }),
  agendaItem: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, roundId: a.links.round, position: 1, title: t(a.marker) }),
  agreement: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    roundId: a.links.round,
    parties: ['cn', 'ru'],
    kind: 'agreement',
    title: t(a.marker),
  }),
  statement: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    roundId: a.links.round,
    party: 'cn',
    kind: 'remark',
    text: t(a.marker),
    ...(a.links.person ? { speakerId: a.links.person } : {}),
  }),
  commitment: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    roundId: a.links.round,
    parties: ['cn', 'ru'],
    text: t(a.marker),
    ...(a.links.consensusItem ? { consensusItemId: a.links.consensusItem } : {}),
  }),
  evidence: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, commitmentId: a.links.commitment, date: '2026-01-15', note: t(a.marker) }),
  assessment: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    commitmentId: a.links.commitment,
    party: a.party,
    assessor: 'self',
    score: 1,
    reason: t(a.marker),
  }),
  position: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, issue: t(a.marker), holderParty: a.party, stance: t(a.marker) }),
  support: (a) => ({
    mechanismId: a.mechanismId,
    marking: a.marking,
    positionId: a.links.position,
    party: 'ru',
    roundId: a.links.round,
    wording: t(a.marker),
  }),
  milestone: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, date: '2000', title: t(a.marker), step: 5 }),
  amendment: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, roundId: a.links.round, text: t(a.marker) }),
  communique: (a) => ({ mechanismId: a.mechanismId, marking: a.marking, roundId: a.links.round, title: t(a.marker), text: t(a.marker) }),
};

let edits = 0;
/** A PATCH body that changes the kind's text field (keeping the marker in it). */
export function textPatch(kind: string, marker: string): Record<string, unknown> {
  return { [TEXT_FIELD[kind]!]: t(`${marker} edit ${++edits}`) };
}

/** The targets: one per kind × marking, with the public parents the children hang from. */
export interface Targets {
  demo: string;
  /** Public parents (in the demo mechanism) of every child target and throw-away record. */
  base: { round: Rec; commitment: Rec; position: Rec };
  of: Record<string, Record<Marking, Rec>>;
  /** Commitments that bind cn only (the targets of kind commitment bind cn and ru). */
  cnOnly: Record<Marking, Rec>;
  /** The cn party's record (its marking changes only in the party phase). */
  party: Rec;
  /**
   * Communiqués beyond the targets (whose joint and internal ones are drafts, and whose public
   * one is published and has a correction): a joint one both co-chairs approved.
   */
  approvedCommunique: Rec;
}

/** The fixture builder: creates records through the API and keeps the registry and the world in step. */
export class Fixtures {
  readonly registry = new Registry();
  readonly world = new World();
  targets!: Targets;
  private nextRound = 1000;
  private userIds = new Map<string, string>();

  constructor(readonly demo: Demo) {}

  roundNumber = (): number => this.nextRound++;

  /** Creates a record through the API; it must answer 201. */
  async create(username: string, kind: string, marking: Marking, links: Partial<Links> = {}, party: Party = 'cn', override: Record<string, unknown> = {}): Promise<Rec> {
    const marker = newMarker(kind, marking);
    const body = {
      ...CREATE[kind]!({
        mechanismId: this.targets?.demo ?? this.demo.mechanismId,
        marking,
        marker,
        party,
        links: { ...this.baseLinks(), ...links },
        roundNumber: this.roundNumber,
      }),
      ...override,
    };
    const res = await this.demo.call(username, 'POST', `/api/v1/${pathOf(kind)}`, body);
    if (res.statusCode !== 201) throw new Error(`fixture: ${username} could not create a ${marking} ${kind}: ${res.statusCode} ${res.body}`);
    const rec = this.registry.fromResponse(kind, marker, res.json());
    if (kind === 'mechanism') await this.staff(rec.id);
    return rec;
  }

  private baseLinks(): Links {
    const b = this.targets?.base;
    return { round: b?.round.id ?? '', commitment: b?.commitment.id ?? '', position: b?.position.id ?? '' };
  }

  /** Gives every demo account (but the admins) its role in a mechanism, as in the demo mechanism. */
  async staff(mechanismId: string): Promise<void> {
    for (const who of PRINCIPALS) {
      if (who.kind !== 'user' || who.role === null) continue;
      let userId = this.userIds.get(who.username);
      if (!userId) {
        userId = (await principalByName(this.demo.store.db, who.username))!.userId;
        this.userIds.set(who.username, userId);
      }
      await grantRole(this.demo.store.db, userId, mechanismId, who.role as Role);
    }
    this.world.staffed.add(mechanismId);
  }

  /** A throw-away record of a kind, created by the owner party (cn) right before a write case; a public communiqué is a published one. */
  async fresh(kind: string, marking: Marking): Promise<Rec> {
    if (kind === 'communique' && marking === 'public') return this.communique('published');
    return this.create(kind === 'mechanism' ? 'cn-admin' : 'cn-secretariat', kind, marking);
  }

  /**
   * A communiqué of cn (drafted by its secretariat through the API) in a workflow state: a
   * draft; approved by the co-chairs of both parties (the workflow's own functions, as their
   * re-authenticated sessions would); or, its embargo past, published by the node. Only a
   * joint draft can be approved (the other party's co-chair must see it), and only published
   * is it public. Published ones hang from a public round (`links.round`, the base round by default).
   */
  async communique(state: 'draft' | 'approved' | 'published', marking: Marking = 'joint', links: Partial<Links> = {}): Promise<Rec> {
    if (state !== 'draft' && marking !== 'joint') throw new Error(`fixture: a ${state} communiqué is made from a joint draft`);
    const embargo = state === 'published' ? { embargo: new Date(Date.now() - 60_000).toISOString() } : {};
    const rec = await this.create('cn-secretariat', 'communique', marking, links, 'cn', embargo);
    if (state === 'draft') return rec;
    for (const cochair of ['cn-cochair', 'ru-cochair']) {
      const principal = await principalByName(this.demo.store.db, cochair);
      if (!principal) throw new Error(`fixture: no account ${cochair}`);
      rec.status = String((await approveCommunique({ db: this.demo.store.db, dialect: this.demo.store.dialect, principal }, rec.id)).status);
    }
    // The node's own publisher may take it first: what counts is that it is published.
    if (state === 'published') await publishDue(this.demo.store);
    const row = await this.demo.store.db.selectFrom('communiques').select(['status', 'marking']).where('id', '=', rec.id).executeTakeFirstOrThrow();
    const want = state === 'published' ? 'published' : 'approved';
    if (row.status !== want) throw new Error(`fixture: communiqué ${rec.id} is ${String(row.status)}, not ${want}`);
    rec.status = want;
    setMarking(rec, row.marking as Marking);
    return rec;
  }

  async build(): Promise<Targets> {
    const demoId = this.demo.mechanismId;
    this.world.staffed.add(demoId);
    const sec = 'cn-secretariat';
    const partial = { demo: demoId } as Targets;
    this.targets = partial;
    // Public parents of all children.
    const round = await this.create(sec, 'round', 'public');
    const commitment = await this.create(sec, 'commitment', 'public', { round: round.id });
    const position = await this.create(sec, 'position', 'public');
    partial.base = { round, commitment, position };

    const of: Record<string, Partial<Record<Marking, Rec>>> = {};
    const put = (r: Rec) => ((of[r.kind] ??= {})[r.marking] = r);
    for (const m of MARKINGS) {
      // Links only to records of the same marking (never more open than their readers), so
      // that no target refers to a record some reader of it may not see.
      const person = put(await this.create(sec, 'person', m));
      const event = put(await this.create(sec, 'event', m, { person: person.id }));
      const ci = put(await this.create(sec, 'consensusItem', m, { person: person.id, event: event.id }));
      const r = put(await this.create(sec, 'round', m, { person: person.id, consensusItem: ci.id }));
      // Communiqués: joint and internal drafts; the public one published through the workflow.
      put(m === 'public' ? await this.communique('published', 'joint', { round: r.id }) : await this.create(sec, 'communique', m, { round: r.id }));
      put(await this.create('cn-admin', 'mechanism', m));
      for (const kind of ['agendaItem', 'agreement', 'milestone', 'position', 'support', 'evidence', 'assessment', 'amendment']) put(await this.create(sec, kind, m));
      put(await this.create(sec, 'statement', m, { person: person.id }));
      put(await this.create(sec, 'commitment', m, { consensusItem: ci.id }));
    }
    partial.of = of as Record<string, Record<Marking, Rec>>;
    const cnOnly: Partial<Record<Marking, Rec>> = {};
    for (const m of MARKINGS) cnOnly[m] = await this.create(sec, 'commitment', m, {}, 'cn', { parties: ['cn'] });
    partial.cnOnly = cnOnly as Record<Marking, Rec>;
    partial.approvedCommunique = await this.communique('approved');
    // The published target has its correction (a new version, a joint draft): a second one is refused.
    const published = partial.of.communique!.public;
    const correction = newMarker('communique', 'joint');
    const corrected = await this.demo.call(sec, 'POST', `/api/v1/communiques/${published.id}/correct`, { text: { en: correction }, correctionNote: { en: correction } });
    if (corrected.statusCode !== 201) throw new Error(`fixture: could not correct communiqué ${published.id}: ${corrected.statusCode} ${corrected.body}`);
    this.registry.fromResponse('communique', correction, corrected.json());

    // The cn party's record: the seed made it (public); give it a marker.
    const parties = (await this.demo.call(null, 'GET', '/api/v1/parties?code=cn')).json() as { items: Array<{ id: string }> };
    const partyId = parties.items[0]!.id;
    const marker = newMarker('party', 'public');
    const res = await this.demo.call('cn-admin', 'PATCH', `/api/v1/parties/${partyId}`, { name: { en: marker } });
    if (res.statusCode !== 200) throw new Error(`fixture: cn-admin could not rename the cn party: ${res.statusCode} ${res.body}`);
    partial.party = this.registry.add({ id: partyId, kind: 'party', scope: 'directory', mechanismId: null, ownerParty: 'cn', marking: 'public', marker });

    // The seed's internal notes of each party (assessments, positions): seen only by their own party.
    for (const [username, party] of [['cn-secretariat', 'cn'], ['ru-secretariat', 'ru']] as const) {
      for (const kind of ['assessment', 'position']) {
        const list = (await this.demo.call(username, 'GET', `/api/v1/${pathOf(kind)}?limit=200`)).json() as { items: Array<Record<string, unknown>> };
        for (const item of list.items) {
          if (item.marking !== 'internal' || item.ownerParty !== party || this.registry.byId.has(String(item.id))) continue;
          this.registry.byId.set(String(item.id), {
            id: String(item.id),
            kind,
            scope: 'mechanism',
            mechanismId: String(item.mechanismId),
            ownerParty: party,
            marking: 'internal',
            marker: '',
          });
        }
      }
    }
    return partial;
  }
}
