import canonicalize from 'canonicalize';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, sessionHeaders, type Demo } from '../support/app.ts';
import { openCheckpoint } from '../../src/ledger/checkpoint.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proof.ts';
import { absentId, CREATE, KINDS, newMarker, pathOf, setMarking, textPatch, type Fixtures, type Links, type Rec } from './fixtures.ts';
import { isEditor, logOf, other, otherMarking, SCOPE, username, workflowConflict, type CommuniqueStep, type Marking, type Who } from './oracle.ts';
import { leafOf, treeRoot } from '../support/naive-tree.ts';

/**
 * The matrix table: for every route of the API (METHOD + OpenAPI path), how to build its
 * requests for a principal and a marking of the target record, and the exact answer the rules
 * give. Adding a route is adding one entry here; a route of the OpenAPI document without an
 * entry fails the matrix.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Env {
  demo: Demo;
  fx: Fixtures;
}

export interface Built {
  method: Method;
  url: string;
  body?: unknown;
  /** The exact status the rules give. */
  status: number;
  /** Ids the answer may show although the record is hidden from the principal (its own roles' mechanisms). */
  exempt?: string[];
  /** The problem type (RFC 9457 `type`) the answer of the expected status must carry. */
  problemType?: string;
  /** Ids that must appear in the answer (the visible parts of a list or a view). */
  present?: string[];
  /** A list: follow nextCursor, checking every page. */
  pages?: boolean;
  /** The answer is the record just written: it is not checked as a record the reader finds. */
  writes?: boolean;
  /** Sends the request another way than `demo.call` as the principal. */
  send?: () => Promise<LightMyRequestResponse>;
  /** A further check of a successful answer (of each of its pages); returns what is wrong. */
  check?: (res: LightMyRequestResponse) => string | undefined | Promise<string | undefined>;
  /** Pages without cursors: the URL of the page after this answer, if there is one. */
  next?: (res: LightMyRequestResponse) => string | undefined;
  /** After the checks: keeps the registry in step (records created, markings changed, records deleted). */
  after?: (res: LightMyRequestResponse) => Promise<void> | void;
}

export interface Variant {
  name: string;
  /** One case per marking of the target record (default), or one case per principal. */
  perMarking?: boolean;
  build(who: Who, m: Marking, env: Env): Promise<Built> | Built;
}

export interface Entry {
  variants: Variant[];
  /**
   * Cases that need shared state set per marking (the cn party's own marking): they run after
   * the others, grouped by marking, between `enter(m)` and `leave()`.
   */
  exclusive?: { enter(m: Marking, env: Env): Promise<void>; leave(env: Env): Promise<void> };
}

// ——— small builders ———

/**
 * A one-line entry for a route that is not about records: one case per principal, with the
 * status for that principal. E.g. `'GET /api/v1/me/sessions': simple('GET', '/api/v1/me/sessions', (who) => (who.kind === 'user' ? 200 : 401))`.
 */
export function simple(method: Method, url: string, status: number | ((who: Who) => number), body?: unknown, check?: Built['check']): Entry {
  return {
    variants: [
      {
        name: `${method} ${url}`,
        perMarking: false,
        build: (who) => ({ method, url, body, status: typeof status === 'number' ? status : status(who), ...(check ? { check } : {}) }),
      },
    ],
  };
}

const api = (path: string) => `/api/v1/${path}`;
const user = (who: Who) => (who.kind === 'user' ? who : undefined);
const writerParty = (who: Who) => user(who)?.party ?? 'cn';

function target(env: Env, kind: string, m: Marking): Rec {
  return kind === 'party' ? env.fx.targets.party : env.fx.targets.of[kind]![m];
}

function presentIf(env: Env, who: Who, recs: Rec[]): string[] {
  return recs.filter((r) => env.fx.world.canSee(who, r)).map((r) => r.id);
}

function absent(method: Method, url: (env: Env) => string, body?: (env: Env) => unknown): Variant {
  return { name: 'absent record', perMarking: false, build: (_who, _m, env) => ({ method, url: url(env), body: body?.(env), status: 404 }) };
}

/** Registers a record a create case made. */
function registerCreated(env: Env, kind: string, marker: string) {
  return async (res: LightMyRequestResponse) => {
    if (res.statusCode !== 201) return;
    // A new mechanism is not staffed: nobody holds a role in it.
    env.fx.registry.fromResponse(kind, marker, res.json());
  };
}

// ——— lists and reads ———

/** Per kind, filters that match its target (and, by their values, of which kind the target is). */
const FILTER: Record<string, (env: Env, t: Rec) => string> = {
  party: () => 'code=cn',
  person: () => 'party=cn&sort=-createdAt',
  mechanism: () => 'party=cn&sort=-established',
  event: () => 'kind=meeting&from=2025&to=2025-06',
  consensusItem: (env, t) => `sourceEventId=${env.fx.targets.of.event![t.marking].id}`,
  round: (_env, t) => `number=${t.number}&status=planned&hostParty=cn&from=2026&to=2026-03`,
  agendaItem: (env) => `roundId=${env.fx.targets.base.round.id}&sort=-position`,
  agreement: (env) => `roundId=${env.fx.targets.base.round.id}&kind=agreement&status=drafting`,
  statement: (env, t) => `roundId=${env.fx.targets.base.round.id}&kind=remark&speakerId=${env.fx.targets.of.person![t.marking].id}`,
  commitment: (env) => `roundId=${env.fx.targets.base.round.id}&party=cn&sort=-due`,
  evidence: (env) => `commitmentId=${env.fx.targets.base.commitment.id}&sort=-date`,
  assessment: (env) => `commitmentId=${env.fx.targets.base.commitment.id}&party=cn&assessor=self`,
  position: () => 'holderParty=cn',
  support: (env) => `positionId=${env.fx.targets.base.position.id}&party=ru&roundId=${env.fx.targets.base.round.id}`,
  milestone: () => 'from=2000&to=2000&sort=-date',
  amendment: (env) => `roundId=${env.fx.targets.base.round.id}&sort=-createdAt`,
  communique: (env, t) => `roundId=${env.fx.targets.of.round![t.marking].id}&status=${t.status}&sort=-createdAt`,
};

/** Lists: unfiltered (in pages of 25, to walk the cursors), by mechanism, and filtered; every page is checked. */
function listVariants(kind: string): Variant[] {
  const variant = (name: string, query: (env: Env, t: Rec) => string, limit = 200): Variant => ({
    name,
    build(who, m, env) {
      const t = target(env, kind, m);
      const q = query(env, t);
      return { method: 'GET', url: `${api(pathOf(kind))}?${q ? `${q}&` : ''}limit=${limit}`, status: 200, pages: true, present: presentIf(env, who, [t]) };
    },
  });
  return [
    variant('unfiltered', () => '', 25),
    ...(SCOPE[kind] === 'mechanism' ? [variant('by mechanism', (env) => `mechanismId=${env.fx.targets.demo}`)] : []),
    variant('filtered', FILTER[kind]!),
  ];
}

function readVariants(kind: string): Variant[] {
  return [
    {
      name: 'target',
      build(who, m, env) {
        const t = target(env, kind, m);
        const seen = env.fx.world.canSee(who, t);
        return { method: 'GET', url: `${api(pathOf(kind))}/${t.id}`, status: seen ? 200 : 404, present: seen ? [t.id] : [] };
      },
    },
    absent('GET', () => `${api(pathOf(kind))}/${absentId()}`),
  ];
}

// ——— creates ———

/** The records of the target marking a create body of each kind refers to. */
const USES: Record<string, Array<keyof Links>> = {
  event: ['person'],
  consensusItem: ['event', 'person'],
  round: ['consensusItem', 'person'],
  agendaItem: ['round'],
  agreement: ['round'],
  statement: ['round', 'person'],
  commitment: ['round', 'consensusItem'],
  evidence: ['commitment'],
  assessment: ['commitment'],
  position: [],
  support: ['position'],
  milestone: [],
  amendment: ['round'],
  communique: ['round'],
};

/**
 * A create in the demo mechanism (public, so every principal reaches it): signed out → 403;
 * no role in the mechanism → 403; allowed to secretariats and co-chairs (the record is their
 * party's), and to delegates only for evidence and self-assessments of a commitment they see
 * that binds their party; then a reference the writer may not see → 422; an assessment of a
 * party the commitment does not bind → 422; else 201. Evidence and assessments go to the
 * commitment target of the marking (binding cn and ru), or to one binding cn only.
 */
function scopedCreate(kind: string, opts: { assessor?: 'self' | 'partner'; cnOnly?: boolean } = {}): Variant {
  const { assessor, cnOnly } = opts;
  return {
    name: `${assessor ? `${assessor}-assessment` : 'create'}${cnOnly ? ' of a commitment binding cn only' : ''}`,
    build(who, m, env) {
      const { fx } = env;
      const of = fx.targets.of;
      const base = fx.targets.base;
      const links: Links = { round: base.round.id, commitment: base.commitment.id, position: base.position.id };
      const refs: Rec[] = [];
      for (const key of USES[kind]!) {
        const r = key === 'commitment' && cnOnly ? fx.targets.cnOnly[m] : of[key]![m];
        links[key] = r.id;
        refs.push(r);
      }
      const marker = newMarker(kind, m);
      const party = writerParty(who);
      const body = CREATE[kind]!({ mechanismId: fx.targets.demo, marking: m, marker, party, links, roundNumber: fx.roundNumber });
      if (assessor === 'partner') Object.assign(body, { assessor: 'partner', party: other(party) });

      let status: number;
      const role = fx.world.roleIn(who, fx.targets.demo);
      const u = user(who);
      const commitment = kind === 'evidence' || kind === 'assessment' ? refs[0]! : undefined;
      if (!u || !role) status = 403;
      else {
        const followUp =
          role === 'delegate' &&
          commitment !== undefined &&
          fx.world.canSee(who, commitment) &&
          (commitment.parties ?? []).includes(u.party) &&
          (kind === 'evidence' || assessor === 'self');
        if (!isEditor(role) && !followUp) status = 403;
        else if (refs.some((r) => !fx.world.canSee(who, r))) status = 422;
        else if (kind === 'assessment' && !(commitment!.parties ?? []).includes(String(body.party))) status = 422;
        // A communiqué is drafted joint or internal: the node makes it public when it publishes it.
        else if (kind === 'communique' && m === 'public') status = 422;
        else status = 201;
      }
      return { method: 'POST', url: api(pathOf(kind)), body, status, writes: true, after: registerCreated(env, kind, marker) };
    },
  };
}

function personCreate(whose: 'own' | 'cn'): Variant {
  return {
    name: whose === 'own' ? "own party's person" : 'cn person',
    build(who, m, env) {
      const marker = newMarker('person', m);
      const party = whose === 'own' ? writerParty(who) : 'cn';
      const body = CREATE.person!({ mechanismId: '', marking: m, marker, party, links: { round: '', commitment: '', position: '' }, roundNumber: env.fx.roundNumber });
      const u = user(who);
      // Admins, and secretariats and co-chairs (of any mechanism), register their own party's people.
      const status = !u || !(u.admin || isEditor(u.role)) ? 403 : party !== u.party ? 422 : 201;
      return { method: 'POST', url: api('people'), body, status, writes: true, after: registerCreated(env, 'person', marker) };
    },
  };
}

const mechanismCreate: Variant = {
  name: 'create',
  build(who, m, env) {
    const marker = newMarker('mechanism', m);
    const body = CREATE.mechanism!({ mechanismId: '', marking: m, marker, party: 'cn', links: { round: '', commitment: '', position: '' }, roundNumber: env.fx.roundNumber });
    // An admin of one of its parties (both demo parties are).
    const status = user(who)?.admin ? 201 : 403;
    return { method: 'POST', url: api('mechanisms'), body, status, writes: true, after: registerCreated(env, 'mechanism', marker) };
  },
};

const partyCreate: Variant = {
  name: 'create (cn exists)',
  build(who, m, env) {
    const marker = newMarker('party', m);
    const body = CREATE.party!({ mechanismId: '', marking: m, marker, party: 'cn', links: { round: '', commitment: '', position: '' }, roundNumber: env.fx.roundNumber });
    const u = user(who);
    // Only an admin of the party; a party is its own admin's record (422); cn has one already (409).
    const status = !u || !u.admin ? 403 : u.party !== 'cn' ? 422 : 409;
    return { method: 'POST', url: api('parties'), body, status, writes: true, after: registerCreated(env, 'party', marker) };
  },
};

// ——— updates and deletes ———

function textUpdate(kind: string): Variant {
  return {
    name: 'text',
    build(who, m, env) {
      const t = target(env, kind, m);
      const status = env.fx.world.writeStatus(who, t, env.fx.world.mayUpdate(who, t, kind), workflowConflict(kind, t, 'content') ? 409 : 200);
      return { method: 'PATCH', url: `${api(pathOf(kind))}/${t.id}`, body: textPatch(kind, t.marker), status, writes: true };
    },
  };
}

/** A marking change of a throw-away record (cn's, of the case's marking) to another marking. */
function markingUpdate(kind: string): Variant {
  return {
    name: 'marking',
    async build(who, m, env) {
      const t = await env.fx.fresh(kind, m);
      const next = otherMarking(m);
      const status = env.fx.world.writeStatus(who, t, env.fx.world.mayChangeMarking(who, t, kind), workflowConflict(kind, t, 'marking') ? 409 : 200);
      return {
        method: 'PATCH',
        url: `${api(pathOf(kind))}/${t.id}`,
        body: { marking: next },
        status,
        writes: true,
        check: (res) => markingLogged(env, t, logOf(t), logOf({ ...t, marking: next }), next, res),
        after: (res) => {
          if (res.statusCode === 200) setMarking(t, next);
        },
      };
    },
  };
}

/**
 * A marking change is logged as DESIGN §4 has it: the full record (with its new marking) in
 * the log the new marking selects, at the answer's logIndex; and when that is another log, in
 * the old one a 'withdraw' entry that carries the new marking and nothing of the record (so
 * joint → internal leaves in the joint log no word of what the record now says).
 */
async function markingLogged(env: Env, t: Rec, from: string, to: string, next: Marking, res: LightMyRequestResponse): Promise<string | undefined> {
  const last = async (name: string) => {
    const row = await env.demo.store.db
      .selectFrom('logEntries')
      .select(['idx', 'entry'])
      .where('logId', '=', logIdOf(name))
      .where('entry', 'like', `%"id":"${t.id}"%`)
      .orderBy('idx', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { idx: Number(row.idx), entry: JSON.parse(row.entry) as { op: string; record: Record<string, unknown> | null } } : undefined;
  };
  const into = await last(to);
  if (!into || into.entry.op !== 'marking' || into.entry.record?.marking !== next || !JSON.stringify(into.entry.record).includes(t.marker)) {
    return `log ${to} has no full 'marking' entry of the record: ${JSON.stringify(into?.entry)}`;
  }
  const logIndex = (res.json() as { logIndex?: unknown }).logIndex;
  if (logIndex !== into.idx) return `answers logIndex ${String(logIndex)}; the entry is at ${into.idx} of ${to}`;
  if (from !== to) {
    const out = await last(from);
    if (out?.entry.op !== 'withdraw' || JSON.stringify(out.entry.record) !== JSON.stringify({ marking: next })) return `log ${from} ends the record with ${JSON.stringify(out?.entry)}, not a bare withdraw`;
  }
  return undefined;
}

const STATUSES = ['in-progress', 'done', 'open'];
let statusTurn = 0;

/**
 * Following up a commitment: its status, by anyone but observers of a party it binds, whoever
 * recorded it. On the commitment target (binding cn and ru) or on one binding cn only.
 */
function commitmentStatus(cnOnly: boolean): Variant {
  return {
    name: cnOnly ? 'status of a commitment binding cn only' : 'status',
    build(who, m, env) {
      const t = cnOnly ? env.fx.targets.cnOnly[m] : target(env, 'commitment', m);
      const w = env.fx.world;
      const role = w.roleIn(who, t.mechanismId);
      const u = user(who);
      const followUp = u !== undefined && role !== null && role !== 'observer' && (t.parties ?? []).includes(u.party);
      const status = w.writeStatus(who, t, followUp || w.mayUpdate(who, t, 'commitment'));
      return { method: 'PATCH', url: `${api('commitments')}/${t.id}`, body: { status: STATUSES[statusTurn++ % 3] }, status, writes: true };
    },
  };
}

/**
 * A PATCH that sets the text to the text it has: still a change of the text, which only the
 * owner party's secretariat and co-chair may make (delegates may change the status only).
 */
const unchangedText: Variant = {
  name: 'text set to its current value',
  async build(who, m, env) {
    const t = target(env, 'commitment', m);
    const current = await env.demo.call('cn-secretariat', 'GET', `${api('commitments')}/${t.id}`);
    const status = env.fx.world.writeStatus(who, t, env.fx.world.mayUpdate(who, t, 'commitment'));
    return { method: 'PATCH', url: `${api('commitments')}/${t.id}`, body: { text: (current.json() as { text: unknown }).text }, status, writes: true };
  },
};

function deleteFresh(kind: string): Variant {
  return {
    name: 'throw-away record',
    async build(who, m, env) {
      const t = await env.fx.fresh(kind, m);
      return {
        method: 'DELETE',
        url: `${api(pathOf(kind))}/${t.id}`,
        status: deleteStatus(who, t, kind, env),
        check: (res) => ((res.json() as { id?: string }).id === t.id ? undefined : 'the answer does not name the deleted record'),
        after: (res) => {
          if (res.statusCode === 200) t.deleted = true;
        },
      };
    },
  };
}

/**
 * The status of a DELETE: as writeStatus; a communiqué past its draft is then refused (409) to
 * those the policy lets delete it (the policy is asked first, as for a PATCH).
 */
function deleteStatus(who: Who, t: Rec, kind: string, env: Env): number {
  const status = env.fx.world.writeStatus(who, t, env.fx.world.ownerEditor(who, t));
  return status < 300 && workflowConflict(kind, t, 'delete') ? 409 : status;
}

/** A DELETE of the approved communiqué (shared: it is never deleted). */
const deleteApprovedCommunique: Variant = {
  name: 'approved communiqué',
  perMarking: false,
  build(who, _m, env) {
    const t = env.fx.targets.approvedCommunique;
    return { method: 'DELETE', url: `${api('communiques')}/${t.id}`, status: deleteStatus(who, t, 'communique', env) };
  },
};

function patchVariants(kind: string): Variant[] {
  return [
    textUpdate(kind),
    ...(kind === 'commitment' ? [commitmentStatus(false), commitmentStatus(true), unchangedText] : []),
    ...(kind === 'party' ? [] : [markingUpdate(kind)]),
    ...(kind === 'communique' ? communiquePatches() : []),
    absent('PATCH', () => `${api(pathOf(kind))}/${absentId()}`, () => textPatch(kind, 'absent')),
  ];
}

/** The cn party's own marking change: by its admin only; put back at once. */
const partyMarking: Variant = {
  name: 'marking',
  build(who, m, env) {
    const t = env.fx.targets.party;
    const status = env.fx.world.writeStatus(who, t, env.fx.world.mayChangeMarking(who, t, 'party'));
    return {
      method: 'PATCH',
      url: `${api('parties')}/${t.id}`,
      body: { marking: otherMarking(m) },
      status,
      writes: true,
      after: async (res) => {
        if (res.statusCode !== 200) return;
        if (otherMarking(m) !== 'internal') t.shared = true;
        const back = await env.demo.call('cn-admin', 'PATCH', `${api('parties')}/${t.id}`, { marking: m });
        if (back.statusCode !== 200) throw new Error(`could not put the cn party back to ${m}: ${back.statusCode} ${back.body}`);
      },
    };
  },
};

/** The cn party's record takes each marking in turn (set by cn-admin) while its cases run. */
const partyPhase: NonNullable<Entry['exclusive']> = {
  async enter(m, env) {
    const t = env.fx.targets.party;
    const res = await env.demo.call('cn-admin', 'PATCH', `${api('parties')}/${t.id}`, { marking: m });
    if (res.statusCode !== 200) throw new Error(`could not mark the cn party ${m}: ${res.statusCode} ${res.body}`);
    setMarking(t, m);
  },
  async leave(env) {
    await partyPhase.enter('public', env);
  },
};

// ——— nested views ———

const YEAR = 2025; // milestones of 2000 every 5 years

/** A view of a mechanism target: 404 unless the principal sees the mechanism; `showsIt` when the view holds the mechanism record. */
function mechanismView(suffix: string, showsIt: boolean, query = ''): Variant[] {
  return [
    {
      name: 'mechanism',
      build(who, m, env) {
        const t = target(env, 'mechanism', m);
        const seen = env.fx.world.canSee(who, t);
        return { method: 'GET', url: `${api('mechanisms')}/${t.id}/${suffix}${query}`, status: seen ? 200 : 404, present: seen && showsIt ? [t.id] : [] };
      },
    },
    absent('GET', () => `${api('mechanisms')}/${absentId()}/${suffix}${query}`),
  ];
}

function demoView(name: string, suffix: (env: Env) => string, shows: (env: Env, m: Marking) => Rec[]): Variant {
  return {
    name,
    build(who, m, env) {
      return { method: 'GET', url: `${api('mechanisms')}/${env.fx.targets.demo}/${suffix(env)}`, status: 200, present: presentIf(env, who, shows(env, m)) };
    },
  };
}

const of = (env: Env, kind: string, m: Marking): Rec => env.fx.targets.of[kind]![m];

function viewEntries(): Record<string, Entry> {
  return {
    'GET /api/v1/mechanisms/{id}/overview': {
      variants: [...mechanismView('overview', true), demoView('rounds', () => 'overview', (env, m) => [of(env, 'round', m)])],
    },
    'GET /api/v1/mechanisms/{id}/rounds/{number}': {
      variants: [
        {
          name: 'round',
          build(who, m, env) {
            const t = of(env, 'round', m);
            const seen = env.fx.world.canSee(who, t);
            return {
              method: 'GET',
              url: `${api('mechanisms')}/${env.fx.targets.demo}/rounds/${t.number}`,
              status: seen ? 200 : 404,
              present: seen ? presentIf(env, who, [t, of(env, 'consensusItem', m), of(env, 'person', m)]) : [],
            };
          },
        },
        demoView(
          'children',
          (env) => `rounds/${env.fx.targets.base.round.number}`,
          (env, m) => ['agendaItem', 'statement', 'commitment', 'agreement'].map((k) => of(env, k, m)),
        ),
        absent('GET', (env) => `${api('mechanisms')}/${env.fx.targets.demo}/rounds/99999`),
      ],
    },
    'GET /api/v1/mechanisms/{id}/rounds/{number}/outcome': {
      variants: [
        {
          name: 'round outcome',
          build(who, m, env) {
            const t = of(env, 'round', m);
            const seen = who.kind === 'user' && env.fx.world.canSee(who, t);
            return { method: 'GET', url: `${api('mechanisms')}/${env.fx.targets.demo}/rounds/${t.number}/outcome`, status: who.kind === 'user' ? (seen ? 200 : 404) : 401 };
          },
        },
        {
          name: 'absent round',
          perMarking: false,
          build: (who, _m, env) => ({ method: 'GET', url: `${api('mechanisms')}/${env.fx.targets.demo}/rounds/99999/outcome`, status: who.kind === 'user' ? 404 : 401 }),
        },
      ],
    },
    // Co-chairs only, and only after a re-authentication, which no matrix session made: 403 to every user.
    'POST /api/v1/mechanisms/{id}/rounds/{number}/conclude': {
      variants: [
        {
          name: 'conclude',
          build: (who, m, env) => ({
            method: 'POST',
            url: `${api('mechanisms')}/${env.fx.targets.demo}/rounds/${of(env, 'round', m).number}/conclude`,
            body: { password: 'not checked before the role and the re-authentication' },
            status: who.kind === 'user' ? 403 : 401,
          }),
        },
      ],
    },
    'GET /api/v1/commitments/{id}/trail': {
      variants: [
        {
          name: 'commitment',
          build(who, m, env) {
            const t = of(env, 'commitment', m);
            const seen = env.fx.world.canSee(who, t);
            const shows = [t, of(env, 'consensusItem', m), of(env, 'event', m), env.fx.targets.base.round];
            return { method: 'GET', url: `${api('commitments')}/${t.id}/trail`, status: seen ? 200 : 404, present: seen ? presentIf(env, who, shows) : [] };
          },
        },
        {
          name: 'children',
          build(who, m, env) {
            const c = env.fx.targets.base.commitment;
            return { method: 'GET', url: `${api('commitments')}/${c.id}/trail`, status: 200, present: presentIf(env, who, [c, of(env, 'evidence', m), of(env, 'assessment', m)]) };
          },
        },
        absent('GET', () => `${api('commitments')}/${absentId()}/trail`),
      ],
    },
    'GET /api/v1/mechanisms/{id}/anniversaries': {
      variants: [...mechanismView('anniversaries', false, `?year=${YEAR}`), demoView('milestones', () => `anniversaries?year=${YEAR}`, (env, m) => [of(env, 'milestone', m)])],
    },
    'GET /api/v1/mechanisms/{id}/positions-matrix': {
      variants: [
        ...mechanismView('positions-matrix', false),
        demoView('rows', () => 'positions-matrix', (env, m) => [of(env, 'position', m), of(env, 'support', m), env.fx.targets.base.position]),
      ],
    },
  };
}

// ——— communiqués: what only their workflow may do, and its steps ———

const NO_HASH = '0'.repeat(64);
const AN_INSTANT = '2026-01-01T00:00:00.000Z';
let forged = 0;

/** The fields only the workflow sets (DESIGN §2), each with a value a plain write tries to set. */
const WORKFLOW_VALUES: Array<(env: Env) => Record<string, unknown>> = [
  () => ({ status: 'approved' }),
  () => ({ approvals: [{ party: 'cn', username: 'cn-cochair', at: AN_INSTANT, contentHash: NO_HASH }] }),
  () => ({ publishedAt: AN_INSTANT }),
  () => ({ version: 2 }),
  (env) => ({ previousId: env.fx.targets.of.communique!.public.id }),
  () => ({ correctionNote: { en: 'a correction by a plain write' } }),
];

/** A create that sets a workflow field (one in turn): the policy first (403), then the rules refuse it (422). */
const forgedCommuniqueCreate: Variant = {
  name: 'create with a workflow field',
  build(who, m, env) {
    const { fx } = env;
    const marker = newMarker('communique', m);
    const links: Links = { round: fx.targets.of.round![m].id, commitment: '', position: '' };
    const body = {
      ...CREATE.communique!({ mechanismId: fx.targets.demo, marking: m, marker, party: writerParty(who), links, roundNumber: fx.roundNumber }),
      ...WORKFLOW_VALUES[forged++ % WORKFLOW_VALUES.length]!(env),
    };
    const status = isEditor(fx.world.roleIn(who, fx.targets.demo)) ? 422 : 403;
    return { method: 'POST', url: api('communiques'), body, status, writes: true, after: registerCreated(env, 'communique', marker) };
  },
};

/**
 * PATCHes of the communiqué targets (joint and internal drafts, a published public one) that
 * only the workflow may make: the policy first (404, 403), then the rules: a workflow field
 * or a public marking on a draft → 422, any change of a published one → 409.
 */
function communiquePatches(): Variant[] {
  const forgedPatch = (name: string, body: () => Record<string, unknown>): Variant => ({
    name,
    build(who, m, env) {
      const t = target(env, 'communique', m);
      const b = body();
      const unchanged = Object.entries(b).every(([k, v]) => k === 'marking' && v === t.marking);
      // Asking a published one for the marking it has changes nothing: 200.
      const ok = unchanged ? 200 : t.status === 'published' ? 409 : 422;
      return { method: 'PATCH', url: `${api('communiques')}/${t.id}`, body: b, status: env.fx.world.writeStatus(who, t, env.fx.world.mayUpdate(who, t, 'communique'), ok), writes: true };
    },
  });
  return [
    forgedPatch('forged publication', () => ({ status: 'published', marking: 'public', publishedAt: new Date().toISOString() })),
    forgedPatch('forged approval', () => ({ status: 'approved', approvals: [{ party: 'cn', username: 'cn-cochair', at: AN_INSTANT, contentHash: NO_HASH }] })),
    forgedPatch('public marking', () => ({ marking: 'public' })),
    {
      name: 'text of an approved communiqué',
      perMarking: false,
      build(who, _m, env) {
        const t = env.fx.targets.approvedCommunique;
        const status = env.fx.world.writeStatus(who, t, env.fx.world.mayUpdate(who, t, 'communique'), workflowConflict('communique', t, 'content') ? 409 : 200);
        return { method: 'PATCH', url: `${api('communiques')}/${t.id}`, body: textPatch('communique', t.marker), status, writes: true };
      },
    },
  ];
}

const REAUTH_REQUIRED = 'urn:entente:reauth-required';
const stepUrl = (id: string, step: CommuniqueStep) => `${api('communiques')}/${id}/${step}`;

/** Sessions of the users' own (not the matrix's, which never re-authenticate), re-authenticated less than four minutes ago. */
const reauthed = new WeakMap<Fixtures, Map<string, { cookie: string; at: number }>>();
async function reauthedCookie(env: Env, username: string): Promise<string> {
  let sessions = reauthed.get(env.fx);
  if (!sessions) reauthed.set(env.fx, (sessions = new Map()));
  const known = sessions.get(username);
  if (known && Date.now() - known.at < 4 * 60_000) return known.cookie;
  const cookie = await env.demo.signIn(username);
  const at = Date.now();
  const totp = await env.demo.totpCode(username);
  const res = await env.demo.app.inject({ method: 'POST', url: api('session/reauth'), headers: sessionHeaders(cookie), payload: { password: DEMO_PASSWORD, totp } });
  if (res.statusCode !== 200) throw new Error(`could not re-authenticate ${username}: ${res.statusCode} ${res.body}`);
  sessions.set(username, { cookie, at });
  return cookie;
}

/** A step as `who` on a re-authenticated session of their own (signed out: no session). */
function reauthSend(env: Env, who: Who, url: string): Pick<Built, 'send'> {
  const u = user(who);
  if (!u) return {};
  return { send: async () => env.demo.app.inject({ method: 'POST', url, headers: sessionHeaders(await reauthedCookie(env, u.username)) }) };
}

/** A check of a step's answer: the communiqué in the status the step leads to. */
function leadsTo(fields: Record<string, unknown>) {
  return (res: LightMyRequestResponse): string | undefined => {
    const b = res.json() as Record<string, unknown>;
    const wrong = Object.entries(fields).filter(([k, v]) => JSON.stringify(b[k]) !== JSON.stringify(v));
    return wrong.length === 0 ? undefined : `answers ${wrong.map(([k]) => `${k}: ${JSON.stringify(b[k])}`).join(', ')}; expected ${JSON.stringify(fields)}`;
  };
}

/**
 * The workflow's routes (src/record/communiques/routes.ts) on the targets (which no step
 * changes: each refuses them) and on fresh communiqués in the state a step starts from.
 */
function communiqueEntries(): Record<string, Entry> {
  const absentStep = (step: CommuniqueStep, body?: unknown): Variant => absent('POST', () => stepUrl(absentId(), step), () => body);
  const future = () => new Date(Date.now() + 3_600_000).toISOString();
  return {
    'POST /api/v1/communiques/{id}/approve': {
      variants: [
        // As for concluding a round: the matrix's sessions never re-authenticated, which is asked first.
        {
          name: 'without re-authentication',
          build: (who, m, env) => ({
            method: 'POST',
            url: stepUrl(target(env, 'communique', m).id, 'approve'),
            status: who.kind === 'user' ? 403 : 401,
            ...(who.kind === 'user' ? { problemType: REAUTH_REQUIRED } : {}),
          }),
        },
        {
          name: 'absent record, without re-authentication',
          perMarking: false,
          build: (who) => ({ method: 'POST', url: stepUrl(absentId(), 'approve'), status: who.kind === 'user' ? 403 : 401, ...(who.kind === 'user' ? { problemType: REAUTH_REQUIRED } : {}) }),
        },
        // Re-authenticated: a co-chair of either party approves a draft it sees (a fresh one); the published target refuses (409).
        {
          name: 'after re-authentication',
          async build(who, m, env) {
            const t = m === 'public' ? target(env, 'communique', m) : await env.fx.communique('draft', m);
            const url = stepUrl(t.id, 'approve');
            const u = user(who);
            const status = u ? env.fx.world.stepStatus(who, t, 'approve', t.status!) : 401;
            const check = (res: LightMyRequestResponse) =>
              (res.json() as { approvals: Array<{ username: string }> }).approvals.some((a) => a.username === u?.username) ? undefined : 'the answer holds no approval of the principal';
            return { method: 'POST', url, status, writes: true, check, ...reauthSend(env, who, url) };
          },
        },
        {
          name: 'absent record, after re-authentication',
          perMarking: false,
          build(who, _m, env) {
            const url = stepUrl(absentId(), 'approve');
            return { method: 'POST', url, status: who.kind === 'user' ? 404 : 401, ...reauthSend(env, who, url) };
          },
        },
      ],
    },
    'POST /api/v1/communiques/{id}/reopen': {
      variants: [
        {
          name: 'target',
          build: (who, m, env) => {
            const t = target(env, 'communique', m);
            return { method: 'POST', url: stepUrl(t.id, 'reopen'), status: env.fx.world.stepStatus(who, t, 'reopen', t.status!), writes: true };
          },
        },
        {
          name: 'approved communiqué',
          perMarking: false,
          async build(who, _m, env) {
            const t = await env.fx.communique('approved');
            return {
              method: 'POST',
              url: stepUrl(t.id, 'reopen'),
              status: env.fx.world.stepStatus(who, t, 'reopen', t.status!),
              writes: true,
              check: leadsTo({ status: 'draft', approvals: [] }),
              after: (res) => {
                if (res.statusCode === 200) t.status = 'draft';
              },
            };
          },
        },
        absentStep('reopen'),
      ],
    },
    'POST /api/v1/communiques/{id}/schedule': {
      variants: [
        {
          name: 'target',
          build: (who, m, env) => {
            const t = target(env, 'communique', m);
            return { method: 'POST', url: stepUrl(t.id, 'schedule'), body: { embargo: future() }, status: env.fx.world.stepStatus(who, t, 'schedule', t.status!), writes: true };
          },
        },
        {
          name: 'approved communiqué, embargo ahead',
          perMarking: false,
          async build(who, _m, env) {
            const t = await env.fx.communique('approved');
            const embargo = future();
            return {
              method: 'POST',
              url: stepUrl(t.id, 'schedule'),
              body: { embargo },
              status: env.fx.world.stepStatus(who, t, 'schedule', t.status!),
              writes: true,
              check: leadsTo({ status: 'scheduled', embargo, marking: 'joint' }),
              after: (res) => {
                if (res.statusCode === 200) t.status = 'scheduled';
              },
            };
          },
        },
        // An embargo already past: the node publishes it at once, and the answer is the public record.
        {
          name: 'approved communiqué, embargo passed',
          perMarking: false,
          async build(who, _m, env) {
            const t = await env.fx.communique('approved');
            return {
              method: 'POST',
              url: stepUrl(t.id, 'schedule'),
              body: { embargo: AN_INSTANT },
              status: env.fx.world.stepStatus(who, t, 'schedule', t.status!),
              writes: true,
              check: leadsTo({ status: 'published', marking: 'public' }),
              after: (res) => {
                if (res.statusCode !== 200) return;
                t.status = 'published';
                setMarking(t, 'public');
              },
            };
          },
        },
        {
          name: 'not a time',
          perMarking: false,
          build: (_who, _m, env) => ({ method: 'POST', url: stepUrl(env.fx.targets.approvedCommunique.id, 'schedule'), body: { embargo: 'tomorrow' }, status: 400 }),
        },
        absentStep('schedule', { embargo: AN_INSTANT }),
      ],
    },
    'POST /api/v1/communiques/{id}/correct': {
      variants: [
        // The public target is corrected already: a fresh published one in its place.
        {
          name: 'target',
          async build(who, m, env) {
            const t = m === 'public' ? await env.fx.fresh('communique', 'public') : target(env, 'communique', m);
            const marker = newMarker('communique', 'joint');
            return {
              method: 'POST',
              url: stepUrl(t.id, 'correct'),
              body: { text: { en: marker }, correctionNote: { en: marker } },
              status: env.fx.world.stepStatus(who, t, 'correct', t.status!, 201),
              writes: true,
              check: leadsTo({ status: 'draft', marking: 'joint', version: 2, previousId: t.id }),
              after: registerCreated(env, 'communique', marker),
            };
          },
        },
        // Corrected once: the next correction is of the correction.
        {
          name: 'corrected already',
          perMarking: false,
          build(who, _m, env) {
            const t = target(env, 'communique', 'public');
            const status = env.fx.world.stepStatus(who, t, 'correct', t.status!, 409);
            return { method: 'POST', url: stepUrl(t.id, 'correct'), body: { correctionNote: { en: 'again' } }, status, writes: true };
          },
        },
        {
          name: 'without a note',
          perMarking: false,
          build: (_who, _m, env) => ({ method: 'POST', url: stepUrl(target(env, 'communique', 'public').id, 'correct'), body: { text: { en: 'no note' } }, status: 400 }),
        },
        absentStep('correct', { correctionNote: { en: 'absent' } }),
      ],
    },
  };
}

// ——— routes that are not about records ———

function sessionEntries(): Record<string, Entry> {
  return {
    'GET /api/v1/health': simple('GET', api('health'), 200, undefined, (res) => ((res.json() as { status?: string }).status === 'ok' ? undefined : 'not ok')),
    'GET /api/v1/session': {
      variants: [
        {
          name: 'who am I',
          perMarking: false,
          build: (who, _m, env) => ({
            method: 'GET',
            url: api('session'),
            status: 200,
            // The principal's own roles name the mechanisms they are in, seen or not.
            exempt: who.kind === 'user' && who.role ? [...env.fx.world.staffed] : [],
            check: (res) => {
              const b = res.json() as { signedIn?: boolean; username?: string };
              const u = user(who);
              return b.signedIn === (u !== undefined) && b.username === u?.username ? undefined : `says ${res.body}`;
            },
          }),
        },
      ],
    },
    ...accountEntries(),
    // Signing in anew does not act as the session: wrong credentials are 401 for everyone.
    'POST /api/v1/session': simple('POST', api('session'), 401, { username: 'matrix-nobody', password: 'not the password' }),
    'DELETE /api/v1/session': {
      variants: [
        {
          name: 'sign out',
          perMarking: false,
          build(who, _m, env) {
            const u = user(who);
            if (!u) return { method: 'DELETE', url: api('session'), status: 204 };
            // A session of its own, so that the principal's other cases keep theirs.
            let after = '';
            return {
              method: 'DELETE',
              url: api('session'),
              status: 204,
              async send() {
                const cookie = await env.demo.signIn(u.username);
                const res = await env.demo.app.inject({ method: 'DELETE', url: api('session'), headers: sessionHeaders(cookie) });
                const again = await env.demo.app.inject({ method: 'GET', url: api('session'), headers: { cookie } });
                if ((again.json() as { signedIn?: boolean }).signedIn !== false) after = 'the session still works after signing out';
                return res;
              },
              check: () => after || undefined,
            };
          },
        },
      ],
    },
  };
}

// ——— the table ———

function recordEntries(kind: string, deletable: boolean): Record<string, Entry> {
  const base = `${'/api/v1/'}${pathOf(kind)}`;
  const exclusive = kind === 'party' ? partyPhase : undefined;
  const create =
    kind === 'party'
      ? [partyCreate]
      : kind === 'person'
        ? [personCreate('own'), personCreate('cn')]
        : kind === 'mechanism'
          ? [mechanismCreate]
          : kind === 'assessment'
            ? [scopedCreate(kind, { assessor: 'self' }), scopedCreate(kind, { assessor: 'partner' }), scopedCreate(kind, { assessor: 'self', cnOnly: true })]
            : kind === 'evidence'
              ? [scopedCreate(kind), scopedCreate(kind, { cnOnly: true })]
              : kind === 'communique'
                ? [scopedCreate(kind), forgedCommuniqueCreate]
                : [scopedCreate(kind)];
  const entries: Record<string, Entry> = {
    [`GET ${base}`]: { variants: listVariants(kind), exclusive },
    [`GET ${base}/{id}`]: { variants: readVariants(kind), exclusive },
    [`POST ${base}`]: { variants: create, exclusive },
    [`PATCH ${base}/{id}`]: { variants: kind === 'party' ? [...patchVariants(kind), partyMarking] : patchVariants(kind), exclusive },
  };
  if (deletable) {
    const more = kind === 'communique' ? [deleteApprovedCommunique] : [];
    entries[`DELETE ${base}/{id}`] = { variants: [deleteFresh(kind), ...more, absent('DELETE', () => `${base}/${absentId()}`)] };
  }
  return entries;
}

export function matrixTable(): Record<string, Entry> {
  return {
    ...sessionEntries(),
    ...Object.assign({}, ...KINDS.map((k) => recordEntries(k.kind, k.deletable))),
    ...viewEntries(),
    ...communiqueEntries(),
    ...commentEntries(),
    ...logEntries(),
    ...intakeEntries(),
  };
}

// ——— the intake (src/intake): secretariats and co-chairs of a mechanism ———

const editsSomewhere = (who: Who) => (who.kind === 'user' ? (isEditor(who.role) ? 200 : 403) : 401);

function intakeEntries(): Record<string, Entry> {
  return {
    // A text naming the person target of each marking as a co-chair: the draft may match only
    // the people the caller may read (the leak checks see any other id in it).
    'POST /api/v1/intake': {
      variants: [
        {
          name: 'a text naming the person target',
          build: (who, m, env) => ({
            method: 'POST',
            url: api('intake'),
            body: {
              text: `On 2 March 2026 the 30th round was held in Beijing, co-chaired by ${of(env, 'person', m).marker}, Official, and Sergei Shoigu, Secretary of the Security Council of Russia.`,
              language: 'en',
              published: '2026-03-03',
            },
            status: editsSomewhere(who),
          }),
        },
      ],
    },
    // Round 20 exists already: an editor's accept is a 409 (nothing is written); the rest are refused first.
    'POST /api/v1/intake/accept': {
      variants: [
        {
          name: 'an existing round number',
          perMarking: false,
          build: (who, _m, env) => ({
            method: 'POST',
            url: api('intake/accept'),
            body: { language: 'en', mechanism: { value: { id: env.fx.targets.demo } }, round: { value: 20 } },
            status: editsSomewhere(who) === 200 ? 409 : editsSomewhere(who),
          }),
        },
        {
          name: 'into a mechanism without members',
          perMarking: false,
          build: async (who, _m, env) => ({
            method: 'POST',
            url: api('intake/accept'),
            body: { language: 'en', mechanism: { value: { id: (await unstaffedMechanism(env)).id } }, round: { value: 1 } },
            status: editsSomewhere(who) === 200 ? 403 : editsSomewhere(who),
          }),
        },
      ],
    },
  };
}

// ——— the moderation of the public's comments (src/public/comments): the owner party's editors ———

const moderates = (who: Who) => who.kind === 'user' && (who.role === 'secretariat' || who.role === 'co-chair');

function commentEntries(): Record<string, Entry> {
  return {
    'GET /api/v1/comments': {
      variants: [
        {
          name: 'queue of the demo mechanism',
          perMarking: false,
          build: (who, _m, env) => ({ method: 'GET', url: `${api('comments')}?mechanismId=${env.fx.targets.demo}`, status: who.kind === 'user' ? (moderates(who) ? 200 : 403) : 401 }),
        },
        {
          name: 'queue of every mechanism one moderates',
          perMarking: false,
          build: (who) => ({ method: 'GET', url: api('comments'), status: who.kind === 'user' ? (moderates(who) ? 200 : 403) : 401 }),
        },
      ],
    },
    'POST /api/v1/comments/moderate': {
      variants: [
        {
          name: 'absent comment',
          perMarking: false,
          build: (who) => ({ method: 'POST', url: api('comments/moderate'), body: { ids: [NO_ID], action: 'approve' }, status: who.kind === 'user' ? (moderates(who) ? 404 : 403) : 401 }),
        },
        {
          name: 'malformed',
          perMarking: false,
          build: () => ({ method: 'POST', url: api('comments/moderate'), body: { ids: [], action: 'publish' }, status: 400 }),
        },
      ],
    },
  };
}

// ——— the account routes: each answers for the signed-in user alone ———

/** 401 signed out, else `status(user)`. */
const signedIn = (status: (u: Extract<Who, { kind: 'user' }>) => number) => (who: Who) => (who.kind === 'user' ? status(who) : 401);
const adminOnly = (admin: number) => signedIn((u) => (u.admin ? admin : 403));
const NO_ID = '01a21710-7a4e-7000-930f-000000000000';
let invited = 0;

function accountEntries(): Record<string, Entry> {
  return {
    // The demo accounts have a confirmed second factor: a new enrolment needs a fresh re-authentication.
    'POST /api/v1/me/totp': simple('POST', api('me/totp'), signedIn(() => 409)),
    'POST /api/v1/me/totp/confirm': simple('POST', api('me/totp/confirm'), signedIn(() => 409), { code: '000000' }),
    // Co-chairs and admins must keep theirs; the others need a fresh re-authentication first.
    'DELETE /api/v1/me/totp': simple('DELETE', api('me/totp'), signedIn(() => 403)),
    'POST /api/v1/session/reauth': simple('POST', api('session/reauth'), 401, { password: 'not the password at all', totp: '000000' }),
    'GET /api/v1/me/sessions': simple('GET', api('me/sessions'), signedIn(() => 200)),
    'DELETE /api/v1/me/sessions/{id}': simple('DELETE', api('me/sessions/0000000000000000'), signedIn(() => 404)),
    'POST /api/v1/me/password': simple('POST', api('me/password'), signedIn(() => 422), { currentPassword: 'not the password at all', newPassword: 'another long passphrase 7' }),
    'GET /api/v1/me/tokens': simple('GET', api('me/tokens'), signedIn(() => 200)),
    'POST /api/v1/me/tokens': simple('POST', api('me/tokens'), signedIn(() => 201), { name: 'matrix', scope: 'read' }),
    'DELETE /api/v1/me/tokens/{id}': simple('DELETE', api(`me/tokens/${NO_ID}`), signedIn(() => 404)),
    'POST /api/v1/admin/invitations': {
      variants: [
        {
          name: 'invite',
          perMarking: false,
          build: (who) => ({ method: 'POST', url: api('admin/invitations'), body: { username: `matrix-invitee-${++invited}` }, status: adminOnly(201)(who) }),
        },
      ],
    },
    'POST /api/v1/invitations/accept': simple('POST', api('invitations/accept'), 400, { token: 'inv_unknown', password: 'a long and unusual passphrase 42' }),
    // An admin sees the roles of their party's users, so the ids of the mechanisms they staff.
    'GET /api/v1/admin/users': {
      variants: [
        {
          name: 'users of the party',
          perMarking: false,
          build: (who, _m, env) => ({ method: 'GET', url: api('admin/users'), status: adminOnly(200)(who), exempt: [...env.fx.world.staffed] }),
        },
      ],
    },
    'PUT /api/v1/admin/users/{id}/roles': {
      variants: [
        {
          name: 'set roles',
          perMarking: false,
          build: (who, _m, env) => ({
            method: 'PUT',
            url: api(`admin/users/${NO_ID}/roles`),
            status: adminOnly(404)(who),
            send: async () =>
              env.demo.app.inject({
                method: 'PUT',
                url: api(`admin/users/${NO_ID}/roles`),
                headers: who.kind === 'user' ? sessionHeaders(await env.demo.cookie(who.username)) : {},
                payload: { roles: [] },
              }),
          }),
        },
      ],
    },
    'POST /api/v1/admin/users/{id}/reset': simple('POST', api(`admin/users/${NO_ID}/reset`), adminOnly(404)),
  };
}

// ——— the log API (DESIGN §4): who reads which log ———

/** A log a case asks about, by its URL name. */
interface LogCase {
  name: string;
  /** It has had an entry (a log row exists). */
  exists: boolean;
  /** Ids its entries must show to its readers. */
  shows: string[];
}

/** A public mechanism nobody holds a role in (made by cn-admin, not staffed), made once per run. */
const unstaffedMechanisms = new WeakMap<Fixtures, Promise<Rec>>();
function unstaffedMechanism(env: Env): Promise<Rec> {
  let made = unstaffedMechanisms.get(env.fx);
  if (!made) {
    made = (async () => {
      const marker = newMarker('mechanism', 'public');
      const body = CREATE.mechanism!({ mechanismId: '', marking: 'public', marker, party: 'cn', links: { round: '', commitment: '', position: '' }, roundNumber: env.fx.roundNumber });
      const res = await env.demo.call('cn-admin', 'POST', api('mechanisms'), body);
      if (res.statusCode !== 201) throw new Error(`could not make a mechanism without members: ${res.statusCode} ${res.body}`);
      return env.fx.registry.fromResponse('mechanism', marker, res.json());
    })();
    unstaffedMechanisms.set(env.fx, made);
  }
  return made;
}

/**
 * The logs each log route is asked about: the log holding a target (a mechanism's record, a
 * record in the demo mechanism, a person of the directory) of each marking — the joint log for
 * public and joint, the owner party's (cn's) log for internal —, the other party's (ru's)
 * internal log of the demo mechanism (the seed's ru notes), the log of a mechanism nobody is a
 * member of (not even the admin who made it), and logs that do not exist.
 */
const LOG_CASES: Array<{ name: string; perMarking: boolean; pick(env: Env, m: Marking): LogCase | Promise<LogCase> }> = [
  ...(['milestone', 'person', 'mechanism'] as const).map((kind) => ({
    name: `log of the ${kind} target`,
    perMarking: true,
    pick: (env: Env, m: Marking): LogCase => {
      const t = target(env, kind, m);
      return { name: logOf(t), exists: true, shows: [t.id] };
    },
  })),
  {
    name: "the other party's internal log",
    perMarking: false,
    pick: (env) => {
      const demo = env.fx.targets.demo;
      const note = [...env.fx.registry.byId.values()].find((r) => r.mechanismId === demo && r.ownerParty === 'ru' && r.marking === 'internal' && !r.deleted);
      return { name: `${demo}.ru`, exists: true, shows: note ? [note.id] : [] };
    },
  },
  {
    name: 'log of a mechanism without members',
    perMarking: false,
    pick: async (env) => {
      const mechanism = await unstaffedMechanism(env);
      return { name: mechanism.id, exists: true, shows: [mechanism.id] };
    },
  },
  { name: 'absent log', perMarking: false, pick: () => ({ name: absentId(), exists: false, shows: [] }) },
  { name: 'absent party log', perMarking: false, pick: (env) => ({ name: `${env.fx.targets.demo}.xx`, exists: false, shows: [] }) },
];

// Independent of src/ledger: RFC 6962 hashes, computed here from the stored entries.
const b64 = (s: string) => Buffer.from(s, 'base64');
const logIdOf = (name: string) => name.replace('.', '/');

/** The stored entries of a log (read from the database, not through the API), their leaf hashes and roots; kept while the log does not grow. */
interface StoredLog {
  size: number;
  entries: string[];
  leaves: Buffer[];
  rootAt(n: number): Buffer;
}
const storedLogs = new Map<string, StoredLog>();
async function storedLog(env: Env, name: string): Promise<StoredLog> {
  const db = env.demo.store.db;
  const id = logIdOf(name);
  const size = Number((await db.selectFrom('logs').select('size').where('id', '=', id).executeTakeFirst())?.size ?? 0);
  const known = storedLogs.get(id);
  if (known?.size === size) return known;
  const entries = (await db.selectFrom('logEntries').select('entry').where('logId', '=', id).orderBy('idx').execute()).map((r) => r.entry);
  const leaves = entries.map(leafOf);
  const roots = new Map<number, Buffer>();
  const log: StoredLog = {
    size,
    entries,
    leaves,
    rootAt(n) {
      let root = roots.get(n);
      if (!root) roots.set(n, (root = treeRoot(leaves.slice(0, n))));
      return root;
    },
  };
  storedLogs.set(id, log);
  return log;
}
async function nodeIdentity(env: Env): Promise<{ name: string; key: string }> {
  const rows = await env.demo.store.db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['nodeName', 'nodeVerifierKey']).execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? '';
  return { name: get('nodeName'), key: get('nodeVerifierKey') };
}

/** A signed checkpoint of log `name`: signed by the node's key, of that log, over its stored entries; of its current size when `current`. */
function checkpointCheck(env: Env, name: string, current: boolean) {
  return async (res: LightMyRequestResponse): Promise<string | undefined> => {
    if (!/^text\/plain/.test(String(res.headers['content-type']))) return `a checkpoint as ${String(res.headers['content-type'])}`;
    const node = await nodeIdentity(env);
    let cp;
    try {
      cp = openCheckpoint(res.body, [node.key], { expectedOrigin: `${node.name}/${logIdOf(name)}` }).checkpoint;
    } catch (err) {
      return `the checkpoint does not open with the node's key: ${(err as Error).message}`;
    }
    const log = await storedLog(env, name);
    if (cp.size < 1 || cp.size > log.size || (current && cp.size !== log.size)) return `a checkpoint of size ${cp.size}; the log has ${log.size} entries`;
    if (!Buffer.from(cp.root).equals(log.rootAt(cp.size))) return `the checkpoint's root is not the root of the log's first ${cp.size} entries`;
    return undefined;
  };
}

/**
 * What a log may hold (DESIGN §4), entry by entry: canonical JSON (RFC 8785); a joint log
 * (`<mechanism>`, `directory`) only public and joint records of its mechanism (or of the
 * directory), and of a record that turned internal only a 'withdraw' entry that carries its
 * new marking and nothing else; a party's log only that party's internal records, and of one
 * that left it only the new marking.
 */
export function entryProblem(name: string, text: string): string | undefined {
  let e: { op?: unknown; kind?: unknown; id?: unknown; record?: unknown };
  try {
    e = JSON.parse(text) as typeof e;
  } catch {
    return `an entry that is not JSON: ${text.slice(0, 120)}`;
  }
  if (canonicalize(e) !== text) return `an entry not in canonical form (RFC 8785): ${text.slice(0, 120)}`;
  const [base, party] = name.split('.');
  const rec = e.record as Record<string, unknown> | null | undefined;
  const what = `${String(e.op)} entry of ${String(e.kind)} ${String(e.id)}`;
  if (e.op === 'withdraw') {
    const allowed = party === undefined ? ['internal'] : ['public', 'joint'];
    if (!rec || Object.keys(rec).join() !== 'marking' || !allowed.includes(String(rec.marking))) return `a ${what} that carries ${JSON.stringify(rec)}`;
    return undefined;
  }
  if (rec === null || rec === undefined) return undefined;
  if (party === undefined ? rec.marking === 'internal' : rec.marking !== 'internal' || rec.ownerParty !== party) {
    return `a ${what} holding a ${String(rec.marking)} record of ${String(rec.ownerParty)}`;
  }
  if (base === 'directory' ? !['party', 'person'].includes(String(e.kind)) : rec.mechanismId !== base) return `a ${what} of another mechanism (${String(rec.mechanismId)})`;
  return undefined;
}

function entriesCheck(env: Env, name: string) {
  return async (res: LightMyRequestResponse): Promise<string | undefined> => {
    const b = res.json() as { log: string; size: number; start: number; entries: string[] };
    const log = await storedLog(env, name);
    if (b.log !== name || b.size !== log.size) return `answers for log ${b.log} of size ${b.size}; asked ${name} of size ${log.size}`;
    for (const [i, text] of b.entries.entries()) {
      if (text !== log.entries[b.start + i]) return `entry ${b.start + i} is not the stored one`;
      const problem = entryProblem(name, text);
      if (problem) return `entry ${b.start + i}: ${problem}`;
    }
    return undefined;
  };
}

function inclusionCheck(env: Env, name: string) {
  return async (res: LightMyRequestResponse): Promise<string | undefined> => {
    const p = res.json() as { index: number; size: number; leafHash: string; root: string; proof: string[] };
    const log = await storedLog(env, name);
    const leaf = log.leaves[0] ?? Buffer.alloc(0);
    if (p.index !== 0 || p.size < 1 || p.size > log.size) return `an inclusion proof of index ${p.index} in size ${p.size}`;
    if (!b64(p.leafHash).equals(leaf)) return 'the leaf hash is not the hash of entry 0';
    if (!b64(p.root).equals(log.rootAt(p.size))) return `the root is not the root of the first ${p.size} entries`;
    return verifyInclusion(leaf, 0, p.size, p.proof.map(b64), b64(p.root)) ? undefined : 'the inclusion proof does not verify';
  };
}

function consistencyCheck(env: Env, name: string) {
  return async (res: LightMyRequestResponse): Promise<string | undefined> => {
    const p = res.json() as { size1: number; size2: number; root1: string; root2: string; proof: string[] };
    const log = await storedLog(env, name);
    if (p.size1 !== 1 || p.size2 < 1 || p.size2 > log.size) return `a consistency proof from ${p.size1} to ${p.size2}`;
    if (!b64(p.root1).equals(log.rootAt(1)) || !b64(p.root2).equals(log.rootAt(p.size2))) return 'the roots are not those of the stored entries';
    return verifyConsistency(1, p.size2, p.proof.map(b64), b64(p.root1), b64(p.root2)) ? undefined : 'the consistency proof does not verify';
  };
}

/** The ids and markers of records that were once public or joint: their entries of that time stay in the joint log. */
function onceShared(env: Env): string[] {
  return [...env.fx.registry.byId.values()].filter((r) => r.shared).flatMap((r) => [r.id, r.marker]);
}

/** One entry per log route: every log case × principal (× marking of the target), the status as `canReadLog` rules. */
function logRoute(method: Method, suffix: string, ok: (who: Who, env: Env, log: LogCase, url: string) => Partial<Built> | Promise<Partial<Built>>): Entry {
  return {
    variants: LOG_CASES.map((c) => ({
      name: c.name,
      perMarking: c.perMarking,
      async build(who, m, env) {
        const log = await c.pick(env, m);
        const url = `${api('logs')}/${log.name}/${suffix}`;
        const status = env.fx.world.logStatus(who, log.name, log.exists);
        return { method, url, status, ...(status === 200 ? await ok(who, env, log, url) : {}) };
      },
    })),
  };
}

function logEntries(): Record<string, Entry> {
  return {
    'GET /.well-known/entente/node-key': {
      variants: [
        {
          name: 'node key',
          perMarking: false,
          build: (_who, _m, env) => ({
            method: 'GET',
            url: '/.well-known/entente/node-key',
            status: 200,
            check: async (res) => ((await nodeIdentity(env)).key === res.body.trim() ? undefined : `answers ${res.body} as the node's key`),
          }),
        },
      ],
    },
    'GET /api/v1/logs': {
      variants: [
        {
          name: 'logs one may read',
          perMarking: false,
          build: (who, _m, env) => ({
            method: 'GET',
            url: api('logs'),
            status: who.kind === 'user' ? 200 : 401,
            check: async (res) => {
              const rows = await env.demo.store.db.selectFrom('logs').select(['id', 'size']).execute();
              const want = rows
                .map((r) => ({ log: r.id.replace('/', '.'), size: Number(r.size) }))
                .filter((l) => env.fx.world.canReadLog(who, l.log))
                .sort((a, b) => a.log.localeCompare(b.log));
              const got = (res.json() as { items: Array<{ log: string; size: number }> }).items.map((l) => ({ log: l.log, size: l.size })).sort((a, b) => a.log.localeCompare(b.log));
              return JSON.stringify(got) === JSON.stringify(want) ? undefined : `lists ${got.map((l) => l.log).join(' ')}; expected ${want.map((l) => l.log).join(' ')}`;
            },
          }),
        },
      ],
    },
    'GET /api/v1/logs/{log}/checkpoint': logRoute('GET', 'checkpoint', async (who, env, log, url) => {
      // A checkpoint exists (the server also signs one each second; do not wait for it).
      const signed = await env.demo.call(username(who), 'POST', url);
      if (signed.statusCode !== 200) throw new Error(`could not sign a checkpoint of ${log.name}: ${signed.statusCode} ${signed.body}`);
      return { check: checkpointCheck(env, log.name, false) };
    }),
    'POST /api/v1/logs/{log}/checkpoint': logRoute('POST', 'checkpoint', (_who, env, log) => ({ check: checkpointCheck(env, log.name, true) })),
    'GET /api/v1/logs/{log}/entries': logRoute('GET', 'entries?start=0', (_who, env, log, url) => ({
      present: log.shows,
      // Entries of records once public or joint stay in the joint log (withdrawn, not erased).
      exempt: log.name.includes('.') ? [] : onceShared(env),
      next: (res) => {
        const b = res.json() as { size: number; start: number; entries: string[] };
        const end = b.start + b.entries.length;
        return b.entries.length > 0 && end < b.size ? url.replace(/start=0$/, `start=${end}`) : undefined;
      },
      check: entriesCheck(env, log.name),
    })),
    'GET /api/v1/logs/{log}/proof/inclusion': logRoute('GET', 'proof/inclusion?index=0', (_who, env, log) => ({ check: inclusionCheck(env, log.name) })),
    'GET /api/v1/logs/{log}/proof/consistency': logRoute('GET', 'proof/consistency?size1=1', (_who, env, log) => ({ check: consistencyCheck(env, log.name) })),
  };
}
