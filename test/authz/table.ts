import canonicalize from 'canonicalize';
import type { LightMyRequestResponse } from 'fastify';
import { sessionHeaders, type Demo } from '../support/app.ts';
import { openCheckpoint } from '../../src/ledger/checkpoint.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proof.ts';
import { absentId, CREATE, KINDS, newMarker, pathOf, setMarking, textPatch, type Fixtures, type Links, type Rec } from './fixtures.ts';
import { isEditor, logOf, other, otherMarking, SCOPE, username, type Marking, type Who } from './oracle.ts';
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
      const status = env.fx.world.writeStatus(who, t, env.fx.world.mayUpdate(who, t, kind));
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
      const status = env.fx.world.writeStatus(who, t, env.fx.world.mayChangeMarking(who, t, kind));
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
      const status = env.fx.world.writeStatus(who, t, env.fx.world.ownerEditor(who, t));
      return {
        method: 'DELETE',
        url: `${api(pathOf(kind))}/${t.id}`,
        status,
        check: (res) => ((res.json() as { id?: string }).id === t.id ? undefined : 'the answer does not name the deleted record'),
        after: (res) => {
          if (res.statusCode === 200) t.deleted = true;
        },
      };
    },
  };
}

function patchVariants(kind: string): Variant[] {
  return [
    textUpdate(kind),
    ...(kind === 'commitment' ? [commitmentStatus(false), commitmentStatus(true), unchangedText] : []),
    ...(kind === 'party' ? [] : [markingUpdate(kind)]),
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
              : [scopedCreate(kind)];
  const entries: Record<string, Entry> = {
    [`GET ${base}`]: { variants: listVariants(kind), exclusive },
    [`GET ${base}/{id}`]: { variants: readVariants(kind), exclusive },
    [`POST ${base}`]: { variants: create, exclusive },
    [`PATCH ${base}/{id}`]: { variants: kind === 'party' ? [...patchVariants(kind), partyMarking] : patchVariants(kind), exclusive },
  };
  if (deletable) entries[`DELETE ${base}/{id}`] = { variants: [deleteFresh(kind), absent('DELETE', () => `${base}/${absentId()}`)] };
  return entries;
}

export function matrixTable(): Record<string, Entry> {
  return {
    ...sessionEntries(),
    ...Object.assign({}, ...KINDS.map((k) => recordEntries(k.kind, k.deletable))),
    ...viewEntries(),
    ...logEntries(),
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
