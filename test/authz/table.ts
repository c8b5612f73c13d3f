import type { LightMyRequestResponse } from 'fastify';
import { sessionHeaders, type Demo } from '../support/app.ts';
import { absentId, CREATE, KINDS, newMarker, pathOf, textPatch, type Fixtures, type Links, type Rec } from './fixtures.ts';
import { isEditor, other, otherMarking, SCOPE, type Marking, type Who } from './oracle.ts';

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
  /** A further check of a successful answer; returns what is wrong. */
  check?: (res: LightMyRequestResponse) => string | undefined;
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
        after: (res) => {
          if (res.statusCode === 200) t.marking = next;
        },
      };
    },
  };
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
    t.marking = m;
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
