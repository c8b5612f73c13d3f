import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { sessionHeaders, startDemo, type Demo } from '../support/app.ts';
import { RESOURCES } from '../../src/record/registry.ts';
import type { ResourceDef } from '../../src/record/common/resource.ts';
import { grantRole } from '../../src/access/accounts.ts';

/**
 * Property tests of every write route (POST, PATCH and, where the resource is deletable,
 * DELETE of /api/v1/{path}): each generated request is a VALID request for the resource with
 * one or more mutations that make it certainly invalid (wrong types, missing or unknown
 * fields, oversize strings, bad language tags, impossible dates, ids of hidden, missing,
 * other-kind or other-mechanism records, broken domain rules, non-JSON bodies, wrong content
 * types, bad ids in the URL). Every answer must be a 4xx RFC 9457 problem, and the database
 * must be the same after the run of a route as before it.
 *
 * The field types below are written out by hand (not read from the zod schemas) so that a
 * schema that accepts too much is caught; a sanity test checks that they name every field.
 */

const RUNS = Math.max(200, Number(process.env.FUZZ_RUNS ?? 200));

type Body = Record<string, unknown>;
type Mode = 'create' | 'update';
type Method = 'POST' | 'PATCH' | 'DELETE';

// ——— the independent description of every field ———

type FieldType =
  | { t: 'text'; max: number; nonEmpty: boolean }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'ref'; kind: string }
  | { t: 'refs'; kind: string; max: number }
  | { t: 'party' }
  | { t: 'parties'; min: number; max: number }
  | { t: 'langs'; min: number; max: number }
  | { t: 'date' }
  | { t: 'int'; min: number; max: number }
  | { t: 'score' }
  | { t: 'bool' }
  | { t: 'str'; max: number }
  | { t: 'url' }
  | { t: 'titles' }
  | { t: 'coChairs' }
  | { t: 'approvals' };

const text = (max: number, nonEmpty = true): FieldType => ({ t: 'text', max, nonEmpty });
const oneOf = (...values: string[]): FieldType => ({ t: 'enum', values });
const ref = (kind: string): FieldType => ({ t: 'ref', kind });
const refs = (kind: string, max: number): FieldType => ({ t: 'refs', kind, max });
const party: FieldType = { t: 'party' };
const parties = (min: number, max: number): FieldType => ({ t: 'parties', min, max });
const langs = (min: number, max: number): FieldType => ({ t: 'langs', min, max });
const date: FieldType = { t: 'date' };
const int = (min: number, max: number): FieldType => ({ t: 'int', min, max });
const str = (max: number): FieldType => ({ t: 'str', max });

const FIELD_TYPES: Record<string, Record<string, FieldType>> = {
  party: { code: party, name: text(200), workingLanguages: langs(1, 8) },
  person: { party, name: text(200), titles: { t: 'titles' } },
  mechanism: {
    name: text(300),
    parties: parties(2, 20),
    languages: langs(0, 16),
    established: date,
    purpose: text(5000, false),
    cadence: str(200),
    hostRotation: parties(0, 20),
  },
  event: {
    kind: oneOf('state-visit', 'summit', 'call', 'meeting'),
    date,
    title: text(300),
    place: text(200, false),
    participantIds: refs('person', 100),
  },
  consensusItem: { text: text(5000), sourceEventId: ref('event'), leaderIds: refs('person', 20) },
  round: {
    number: int(1, 100000),
    startDate: date,
    endDate: date,
    place: text(200, false),
    hostParty: party,
    coChairs: { t: 'coChairs' },
    consensusItemIds: refs('consensusItem', 200),
    status: oneOf('planned', 'held', 'concluded'),
  },
  agendaItem: { roundId: ref('round'), position: int(1, 1000), title: text(500) },
  agreement: {
    title: text(500, false),
    titleDisclosed: { t: 'bool' },
    parties: parties(1, 20),
    kind: oneOf('treaty', 'agreement', 'memorandum', 'protocol', 'joint-declaration', 'other'),
    status: oneOf('drafting', 'agreed', 'initialled', 'signed', 'in-force'),
    roundId: ref('round'),
    authenticTexts: text(200000, false),
  },
  statement: {
    speakerId: ref('person'),
    party,
    roundId: ref('round'),
    eventId: ref('event'),
    kind: oneOf('remark', 'joint-statement', 'chair-summary', 'readout'),
    form: oneOf('quote', 'gist'),
    text: text(20000),
  },
  commitment: {
    text: text(5000),
    parties: parties(1, 20),
    roundId: ref('round'),
    consensusItemId: ref('consensusItem'),
    agreementId: ref('agreement'),
    article: str(100),
    due: date,
    status: oneOf('open', 'in-progress', 'done', 'dropped'),
  },
  evidence: { commitmentId: ref('commitment'), date, note: text(5000), url: { t: 'url' } },
  assessment: {
    commitmentId: ref('commitment'),
    party,
    roundId: ref('round'),
    assessor: oneOf('self', 'partner', 'agreed'),
    score: { t: 'score' },
    reason: text(5000, false),
  },
  position: { issue: text(300), holderParty: party, stance: text(5000, false) },
  support: { positionId: ref('position'), party, roundId: ref('round'), eventId: ref('event'), wording: text(5000) },
  milestone: { title: text(300), date, step: int(1, 100) },
  amendment: { roundId: ref('round'), text: text(20000), reason: text(2000, false) },
  communique: {
    roundId: ref('round'),
    eventId: ref('event'),
    approvals: { t: 'approvals' },
    title: text(300),
    text: text(100_000),
    embargo: str(40),
    status: oneOf('draft', 'approved', 'scheduled', 'published'),
    publishedAt: str(40),
    version: int(1, 1000),
    previousId: ref('communique'),
    correctionNote: text(2000, false),
  },
};

// ——— the demo's records the generators refer to (filled in beforeAll) ———

interface Item {
  id: string;
  ownerParty: string;
  marking: string;
  mechanismId?: string;
  [k: string]: unknown;
}

interface Ids {
  /** The demo mechanism, where cn-secretariat is secretariat. */
  A: string;
  /** A mechanism cn-secretariat holds no role in (invisible to the writer). */
  B: string;
  /** A mechanism cn-secretariat is secretariat of: its records are visible but foreign to A. */
  C: string;
  round20: string;
  wangYi: string;
  shoigu: string;
  xi: string;
  putin: string;
  consensus: string;
  cnEvent: string;
  agreement: string;
  commitments: string[];
  cnPositions: string[];
  /** Records that exist but cn-secretariat cannot see. */
  hidden: string[];
  hiddenPerson: string;
  /** Records of mechanism C, by kind. */
  inC: Record<string, string>;
  /** Everything cn-secretariat can see, with its kind. */
  visible: Array<{ kind: string; id: string }>;
  /** Visible records owned by the other party, by kind. */
  ruOwned: Record<string, string[]>;
  /** cn-owned records that other records refer to, by kind (their deletion is refused). */
  referenced: Record<string, string[]>;
  /** The record each PATCH route is fuzzed against, by kind, and its valid PATCH body. */
  target: Record<string, string>;
  patchBase: Record<string, Body>;
}

const WRITER = 'cn-secretariat';
/**
 * Only an admin of the party writes its party record and creates mechanisms (DESIGN §3).
 * Mechanisms are also changed as cn-admin: as cn-secretariat every change is refused with a
 * 403 (see the test "the secretariat of a mechanism may change it"), which would hide the
 * domain rules from the fuzzer.
 */
function writerOf(kind: string, method: Method): string {
  if (kind === 'party' || kind === 'mechanism') return method === 'DELETE' ? WRITER : 'cn-admin';
  return WRITER;
}

function validBody(kind: string, n: number, ids: Ids): Body {
  const mechanismId = ids.A;
  switch (kind) {
    case 'party':
      return { code: 'cn', name: { en: 'China', fr: 'Chine' }, workingLanguages: ['zh'], marking: 'public' };
    case 'person':
      return {
        party: 'cn',
        name: { en: `Fuzz Person ${n}`, zh: '测试人员' },
        titles: [{ title: { en: 'Envoy', fr: 'Envoyé' }, from: '2020-01', to: '2024' }],
        marking: 'public',
      };
    case 'mechanism':
      return {
        name: { en: `Fuzz mechanism ${n}`, fr: `Mécanisme ${n}` },
        parties: ['cn', 'ru'],
        languages: ['en'],
        established: '2010-05',
        purpose: { en: 'Testing the write path.' },
        cadence: 'yearly',
        hostRotation: ['cn', 'ru'],
        marking: 'joint',
      };
    case 'event':
      return {
        mechanismId,
        kind: 'meeting',
        date: '2025-06',
        title: { en: `Fuzz meeting ${n}` },
        place: { en: 'Geneva', zh: '日内瓦' },
        participantIds: [ids.wangYi, ids.shoigu],
        marking: 'joint',
      };
    case 'consensusItem':
      return { mechanismId, text: { en: `Fuzz consensus ${n}` }, sourceEventId: ids.cnEvent, leaderIds: [ids.xi, ids.putin], marking: 'joint' };
    case 'round':
      return {
        mechanismId,
        number: 20 + n,
        startDate: '2026-03-01',
        endDate: '2026-03-02',
        place: { en: 'Moscow', ru: 'Москва' },
        hostParty: 'ru',
        coChairs: [
          { party: 'cn', personId: ids.wangYi },
          { party: 'ru', personId: ids.shoigu },
        ],
        consensusItemIds: [ids.consensus],
        status: 'planned',
        marking: 'joint',
      };
    case 'agendaItem':
      return { mechanismId, roundId: ids.round20, position: 3, title: { en: `Fuzz agenda item ${n}` }, marking: 'joint' };
    case 'agreement':
      return {
        mechanismId,
        roundId: ids.round20,
        parties: ['cn', 'ru'],
        kind: 'memorandum',
        status: 'drafting',
        title: { en: `Fuzz memorandum ${n}` },
        titleDisclosed: true,
        authenticTexts: { zh: '文本', ru: 'Текст' },
        marking: 'joint',
      };
    case 'statement':
      return {
        mechanismId,
        roundId: ids.round20,
        speakerId: ids.wangYi,
        party: 'cn',
        kind: 'remark',
        form: 'quote',
        text: { en: `Fuzz statement ${n}` },
        marking: 'joint',
      };
    case 'commitment':
      return {
        mechanismId,
        roundId: ids.round20,
        consensusItemId: ids.consensus,
        agreementId: ids.agreement,
        article: 'Art. 1',
        parties: ['cn', 'ru'],
        text: { en: `Fuzz commitment ${n}` },
        due: '2026-06',
        status: 'open',
        marking: 'joint',
      };
    case 'evidence':
      return {
        mechanismId,
        commitmentId: ids.commitments[2],
        date: '2026-01-15',
        note: { en: `Fuzz evidence ${n}` },
        url: 'https://example.org/evidence',
        marking: 'joint',
      };
    case 'assessment':
      return {
        mechanismId,
        commitmentId: ids.commitments[2],
        party: 'cn',
        roundId: ids.round20,
        assessor: 'self',
        score: 1,
        reason: { en: `Fuzz reason ${n}` },
        marking: 'joint',
      };
    case 'position':
      return { mechanismId, issue: { en: `Fuzz issue ${n}` }, holderParty: 'cn', stance: { en: 'Fuzz stance' }, marking: 'joint' };
    case 'support':
      return { mechanismId, positionId: ids.cnPositions[0], party: 'ru', roundId: ids.round20, wording: { en: `Fuzz support ${n}` }, marking: 'joint' };
    case 'milestone':
      return { mechanismId, title: { en: `Fuzz milestone ${n}` }, date: '2010-10-10', step: 10, marking: 'joint' };
    case 'amendment':
      return { mechanismId, roundId: ids.round20, text: { en: `Fuzz amendment ${n}` }, marking: 'joint' };
    case 'communique':
      return { mechanismId, roundId: ids.round20, title: { en: `Fuzz communiqué ${n}` }, text: { en: 'Fuzz text.' }, marking: 'joint' };
    default:
      throw new Error(`no valid body for ${kind}`);
  }
}

// ——— mutations ———

interface Step extends fc.WithToStringMethod {
  label: string;
  apply(body: Body): void;
}

function step(label: string, apply: (b: Body) => void): Step {
  return { label, apply, [fc.toStringMethod]: () => label };
}

const setField = (name: string, v: unknown): Step => step(`${name} := ${show(v)}`, (b) => put(b, name, v));
const deleteField = (name: string): Step => step(`delete ${name}`, (b) => void delete b[name]);

/** Sets a key as an own property, even `__proto__`, so that JSON.stringify sends it. */
function put(b: Body, key: string, value: unknown): void {
  Object.defineProperty(b, key, { value, enumerable: true, writable: true, configurable: true });
}

function show(v: unknown): string {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 90 ? `${s.slice(0, 70)}…(${s.length} chars)` : s;
}

function trunc(s: string, n = 600): string {
  return s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
}

const NOT_STRING: unknown[] = [0, 42, -1.5, true, false, [], ['x'], {}, { en: 'x' }];
const NOT_OBJECT: unknown[] = ['x', '', 0, 7.5, true, false, [], ['en'], [{ en: 'x' }]];
const NOT_NUMBER: unknown[] = ['1', '', true, false, [], [1], {}, { n: 1 }];
const NOT_ARRAY: unknown[] = ['x', '', 0, true, {}, { 0: 'cn' }];
const NOT_BOOL: unknown[] = ['true', 'false', 0, 1, [], {}, 'yes', [true]];

/** Not BCP 47 at all (or over 35 characters). */
const BAD_TAGS = ['xx-!!', 'en_US', 'e', '', '1234', 'en-', '-en', 'en--us', 'en US', 'i-klingon', 'x-private', 'zh-Hans-', 'ру', '中文', 'en\n', 'en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd'];
/** Valid BCP 47, but neither a UI language nor a language of the demo mechanism or its parties. */
const UNLISTED_TAGS = ['zz', 'klingon', 'tlh', 'de', 'und', 'qaa', 'toString'];
const SEVENTEEN_TAGS = ['en', 'fr', 'zh', 'ru', 'de', 'es', 'it', 'ja', 'ko', 'ar', 'pt', 'nl', 'sv', 'pl', 'tr', 'uk', 'cs'];

const BAD_DATES = [
  '2025-02-30', '2025-13', '25-01-01', '2025-1-1', '2025-00', '2025-00-10', '2023-02-29', '2025-04-31', '2025-12-32',
  '2025-01-00', '0999', '999', '10000', '2025-', '2025-01-', '20250101', '2025/01/01', '2025-01-01T00:00:00Z',
  ' 2025', '2025 ', '', 'yesterday', '2025-W01', '+2025', '-2025', '２０２５', '2025-1', '2025-01-1', '2025-02-29',
];

/**
 * Text no record may hold: a NUL character (PostgreSQL cannot store it in a text column, so
 * the backends would differ) and unpaired UTF-16 surrogates (not Unicode; RFC 8785 cannot
 * canonicalise them for the log).
 */
const NUL = 'a\u0000b';
const LONE_SURROGATES = ['lone \ud800', '\udc00 low', 'x\udbff'];
const UNSTORABLE = [NUL, ...LONE_SURROGATES];

const BAD_PARTY_CODES = ['CN', 'c', '', 'abcdefghi', 'c1', 'cn ', ' cn', 'c-n', 'ру', 'c_n', 'x'.repeat(1000)];
const BAD_MARKINGS = ['secret', 'PUBLIC', 'Joint', '', ' internal', 'internal ', 'confidential', 'x'.repeat(1000)];

function oversize(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(max + 1, max + 13, Math.max(100_000, max + 1)), fc.constantFrom('x', 'é', '中', 'ж'))
    .map(([n, c]) => c.repeat(n));
}

function malformedId(ids: Ids): fc.Arbitrary<string> {
  const v = ids.wangYi;
  return fc.oneof(
    fc.constantFrom(
      '',
      'x',
      'null',
      '0',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      v.toUpperCase(),
      `${v} `,
      ` ${v}`,
      v.replace(/-/g, ''),
      `{${v}}`,
      `urn:uuid:${v}`,
      v.slice(0, -1),
      `${v}0`,
      `${v.slice(0, 14)}4${v.slice(15)}`,
      `${v.slice(0, 19)}c${v.slice(20)}`,
      'x'.repeat(5000),
    ),
    fc.uuid({ version: 4 }),
    fc.string({ maxLength: 40 }),
  );
}

/** Well-formed ids that name no visible record of `kind`: missing, hidden or of another kind. */
function unresolvable(kind: string, ids: Ids): fc.Arbitrary<string> {
  const others = ids.visible.filter((v) => v.kind !== kind).map((v) => v.id);
  return fc.oneof(fc.uuid({ version: 7 }), fc.constantFrom(...ids.hidden), fc.constantFrom(...others));
}

/** Values that are certainly invalid for a field of this type, whatever the rest of the body. */
function badValues(ft: FieldType, nullable: boolean, ids: Ids): fc.Arbitrary<unknown> {
  const vals: unknown[] = nullable ? [] : [null];
  const arbs: fc.Arbitrary<unknown>[] = [];
  switch (ft.t) {
    case 'text':
      vals.push(...NOT_OBJECT, { en: 1 }, { en: null }, { en: ['x'] }, { en: {} }, { en: '' }, { en: '   ' }, { en: true });
      vals.push({ en: 'a', EN: 'b' }, Object.fromEntries(SEVENTEEN_TAGS.map((t) => [t, 'x'])), ...UNSTORABLE.map((u) => ({ en: u })));
      for (const tag of [...BAD_TAGS, ...UNLISTED_TAGS]) vals.push({ en: 'ok', [tag]: 'x' }, { [tag]: 'x' });
      if (ft.nonEmpty) vals.push({});
      arbs.push(oversize(ft.max).map((s) => ({ en: s })));
      break;
    case 'enum':
      vals.push(...NOT_STRING, '', 'UNKNOWN', ft.values[0]!.toUpperCase(), ` ${ft.values[0]}`, `${ft.values[0]} `, `${ft.values[0]}s`, 'x'.repeat(10000));
      break;
    case 'ref':
      vals.push(...NOT_STRING);
      arbs.push(malformedId(ids), unresolvable(ft.kind, ids));
      break;
    case 'refs': {
      const good = ft.kind === 'person' ? ids.wangYi : ids.consensus;
      vals.push(...NOT_ARRAY, [null], [1], [good, 'x'], Array.from({ length: ft.max + 1 }, () => good));
      arbs.push(malformedId(ids).map((x) => [x]), unresolvable(ft.kind, ids).map((x) => [good, x]));
      break;
    }
    case 'party':
      vals.push(...NOT_STRING, ...BAD_PARTY_CODES);
      break;
    case 'parties': {
      const many = Array.from({ length: ft.max + 1 }, (_, i) => `a${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
      vals.push(...NOT_ARRAY, [null], ['cn', 1], many, ...BAD_PARTY_CODES.map((c) => ['cn', c]));
      if (ft.min > 0) vals.push(['cn', 'ru'].slice(0, ft.min - 1));
      break;
    }
    case 'langs':
      vals.push(...NOT_ARRAY, [null], [1], ['zh', 2], SEVENTEEN_TAGS.slice(0, ft.max + 1), ...BAD_TAGS.map((t) => ['zh', t]));
      if (ft.min > 0) vals.push([]);
      break;
    case 'date':
      vals.push(...NOT_STRING, 2025, ...BAD_DATES);
      break;
    case 'int':
      vals.push(...NOT_NUMBER, ft.min - 1, ft.max + 1, ft.min + 0.5, 1e300, -1e300, Number.MAX_SAFE_INTEGER + 2);
      break;
    case 'score':
      vals.push(...NOT_NUMBER, 2, -2, 0.5, -0.5, 100, 1.5);
      break;
    case 'bool':
      vals.push(...NOT_BOOL);
      break;
    case 'str':
      vals.push(...NOT_STRING, '', '   ', '\t\n', ...UNSTORABLE);
      arbs.push(oversize(ft.max));
      break;
    case 'url':
      vals.push(
        ...NOT_STRING,
        '',
        'ftp://example.org/x',
        'javascript:alert(1)',
        'example.org',
        'http://',
        '//example.org/x',
        'mailto:a@example.org',
        'file:///etc/passwd',
        'data:text/plain,x',
        `https://example.org/${'a'.repeat(2000)}`,
        ...UNSTORABLE.map((u) => `https://example.org/${u}`),
      );
      break;
    case 'titles': {
      const t = { en: 'Envoy' };
      vals.push(
        ...NOT_ARRAY,
        [null],
        ['x'],
        [{}],
        [{ title: {} }],
        [{ title: t, extra: 1 }],
        [{ title: 'Envoy' }],
        [{ title: t, from: 2020 }],
        [{ title: t, to: null }],
        Array.from({ length: 51 }, () => ({ title: t })),
        ...BAD_DATES.slice(0, 8).map((d) => [{ title: t, from: d }]),
        ...BAD_TAGS.slice(0, 4).map((tag) => [{ title: { [tag]: 'x' } }]),
        // Titles are multilingual text like any other: their languages are checked too.
        ...UNLISTED_TAGS.slice(0, 3).map((tag) => [{ title: { en: 'Envoy', [tag]: 'x' } }]),
        ...UNSTORABLE.map((u) => [{ title: { en: u } }]),
      );
      arbs.push(oversize(300).map((s) => [{ title: { en: s } }]));
      break;
    }
    case 'approvals': {
      const ok = { party: 'cn', username: 'cn-cochair', at: '2026-01-01T00:00:00Z', contentHash: '0'.repeat(64) };
      vals.push(...NOT_ARRAY, [null], [1], [{}], [{ ...ok, contentHash: 'x' }], [{ ...ok, at: 'yesterday' }], [{ ...ok, party: 'CN!' }], [{ ...ok, extra: 1 }], Array.from({ length: 21 }, () => ok));
      break;
    }
    case 'coChairs': {
      const ok = { party: 'cn', personId: ids.wangYi };
      vals.push(
        ...NOT_ARRAY,
        [null],
        [{ party: 'cn' }],
        [{ personId: ids.wangYi }],
        [{ ...ok, extra: 1 }],
        [{ party: 'CN', personId: ids.wangYi }],
        [{ party: 'cn', personId: 'x' }],
        [{ party: 'cn', personId: ids.hiddenPerson }],
        Array.from({ length: 21 }, () => ok),
      );
      arbs.push(fc.uuid({ version: 7 }).map((p) => [{ party: 'cn', personId: p }]));
      break;
    }
  }
  return arbs.length ? fc.oneof(fc.constantFrom(...vals), ...arbs) : fc.constantFrom(...vals);
}

function keysOf(def: ResourceDef, mode: Mode): Set<string> {
  return new Set([...Object.keys(def.fields), 'marking', ...(mode === 'create' && def.scope === 'mechanism' ? ['mechanismId'] : [])]);
}

/** Mutations that make any body of this resource invalid on their own. */
function localSteps(def: ResourceDef, mode: Mode, ids: Ids): fc.Arbitrary<Step> {
  const types = FIELD_TYPES[def.kind]!;
  const arbs: fc.Arbitrary<Step>[] = [];
  for (const [name, ft] of Object.entries(types)) {
    // Optional fields take null as "absent", on create as on update (a record read back can be written).
    const nullable = def.fields[name]!.presence === 'optional';
    arbs.push(badValues(ft, nullable, ids).map((v) => setField(name, v)));
    if (mode === 'create' && def.fields[name]!.presence === 'required') arbs.push(fc.constant(deleteField(name)));
  }
  arbs.push(fc.constantFrom(null, ...BAD_MARKINGS, 1, true, ['joint'], { marking: 'joint' }).map((v) => setField('marking', v)));
  if (mode === 'create' && def.scope === 'mechanism') {
    arbs.push(fc.constant(deleteField('mechanismId')));
    arbs.push(
      fc
        .oneof(fc.constantFrom<unknown>(null, ...NOT_STRING, ids.B), malformedId(ids), unresolvable('mechanism', ids))
        .map((v) => setField('mechanismId', v)),
    );
  }
  const known = keysOf(def, mode);
  const specials = [
    'id', 'ownerParty', 'createdAt', 'updatedAt', 'logIndex', 'percent', 'mechanismId', 'Marking', 'mechanism_id',
    'NAME', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'name ', 'x'.repeat(1000),
  ];
  arbs.push(
    fc
      .tuple(fc.oneof(fc.constantFrom(...specials), fc.string({ maxLength: 12 })), fc.jsonValue({ maxDepth: 2 }))
      .filter(([k]) => !known.has(k))
      .map(([k, v]) => step(`unknown key ${show(k)} := ${show(v)}`, (b) => put(b, k, v))),
  );
  return fc.oneof(...arbs);
}

/**
 * Mutations that break a domain rule given the valid body they are applied to (the rest of
 * the body must stay as it is, so at most one of them is applied, before the local ones).
 */
function semanticSteps(kind: string, mode: Mode, ids: Ids): Step[] {
  const s = step;
  const create = mode === 'create';
  const unset = (b: Body, k: string) => (create ? void delete b[k] : void (b[k] = null));
  const to = (field: string, value: unknown, why: string) => s(`${field} := ${show(value)} (${why})`, (b) => put(b, field, value));
  const foreign = (field: string, k: string, many = false) =>
    to(field, many ? [ids.inC[k]] : ids.inC[k], `a ${k} of another mechanism`);
  const elsewhere = create ? [to('mechanismId', ids.C, 'another mechanism than the referenced records')] : [];
  switch (kind) {
    case 'party':
      return [
        to('code', 'ru', "not the writer's party"),
        to('code', 'zz', 'no such party'),
        to('workingLanguages', ['zh', 'zh'], 'duplicate'),
        to('workingLanguages', ['zh', 'ZH'], 'the same language twice in canonical form'),
      ];
    case 'person':
      return [
        to('party', 'ru', 'people are registered by their own party'),
        to('party', 'us', 'no such party'),
        to('titles', [{ title: { en: 'Envoy' }, from: '2020-05', to: '2020-04' }], 'to before from'),
      ];
    case 'mechanism':
      return create
        ? [
            to('parties', ['cn', 'cn'], 'duplicate'),
            to('parties', ['cn', 'zz'], 'no such party'),
            to('parties', ['ru', 'us'], "without the writer's party"),
            to('hostRotation', ['us'], 'not a party of the mechanism'),
            to('hostRotation', ['cn', 'zz'], 'not a party of the mechanism'),
          ]
        : [
            to('parties', ['ru', 'cn'], 'immutable'),
            to('parties', ['cn', 'ru', 'us'], 'immutable'),
            to('hostRotation', ['us'], 'not a party of the mechanism'),
            to('hostRotation', ['cn', 'zz'], 'not a party of the mechanism'),
          ];
    case 'event':
      return [];
    case 'consensusItem':
      return [...elsewhere, foreign('sourceEventId', 'event')];
    case 'round':
      return [
        ...elsewhere,
        to('number', 20, create ? 'round 20 exists' : 'immutable'),
        to('status', 'concluded', 'concluded only by co-signing'),
        to('endDate', '2026-02-28', 'before startDate'),
        to('startDate', '2026-04', 'after endDate'),
        to('hostParty', 'us', 'not a party of the mechanism'),
        to('coChairs', [{ party: 'cn', personId: ids.wangYi }, { party: 'cn', personId: ids.xi }], 'two co-chairs of one party'),
        to('coChairs', [{ party: 'cn', personId: ids.shoigu }], 'person of another party'),
        to('coChairs', [{ party: 'us', personId: ids.wangYi }], 'party not in the mechanism'),
        foreign('consensusItemIds', 'consensusItem', true),
      ];
    case 'agendaItem':
      return [...elsewhere, foreign('roundId', 'round'), ...(create ? [] : [to('roundId', ids.target.round, 'immutable')])];
    case 'agreement':
      return [
        ...elsewhere,
        to('titleDisclosed', false, 'has a title'),
        to('title', {}, 'title disclosed but not given'),
        to('parties', ['cn', 'us'], 'not a party of the mechanism'),
        to('parties', ['cn', 'cn'], 'duplicate'),
        foreign('roundId', 'round'),
      ];
    case 'statement':
      return [
        ...elsewhere,
        to('eventId', ids.cnEvent, 'both roundId and eventId'),
        s('unset roundId (neither roundId nor eventId)', (b) => unset(b, 'roundId')),
        s('unset speakerId and party (a remark needs one)', (b) => {
          unset(b, 'speakerId');
          unset(b, 'party');
        }),
        to('party', 'ru', 'the speaker is of cn'),
        to('party', 'us', 'not a party of the mechanism'),
        to('speakerId', ids.shoigu, 'the speaker is of ru, the party cn'),
        foreign('roundId', 'round'),
      ];
    case 'commitment':
      return [
        ...elsewhere,
        to('parties', ['cn', 'cn'], 'duplicate'),
        to('parties', ['cn', 'us'], 'not a party of the mechanism'),
        to('parties', ['us'], 'not a party of the mechanism'),
        s('unset agreementId (the article needs it)', (b) => unset(b, 'agreementId')),
        foreign('roundId', 'round'),
        foreign('consensusItemId', 'consensusItem'),
        foreign('agreementId', 'agreement'),
      ];
    case 'evidence':
      return [
        ...elsewhere,
        to('marking', 'public', 'more open than its commitment'),
        foreign('commitmentId', 'commitment'),
        ...(create ? [] : [to('commitmentId', ids.commitments[1], 'immutable')]),
      ];
    case 'assessment':
      return [
        ...elsewhere,
        to('party', 'ru', create ? 'a self-assessment is made by the assessed party' : 'immutable'),
        to('assessor', 'partner', create ? 'a partner assessment is made by another party' : 'immutable'),
        to('party', 'us', 'not bound by the commitment'),
        to('marking', 'public', 'more open than its commitment'),
        foreign('commitmentId', 'commitment'),
        foreign('roundId', 'round'),
        ...(create ? [] : [to('commitmentId', ids.commitments[1], 'immutable')]),
      ];
    case 'position':
      return [to('holderParty', 'us', 'not a party of the mechanism')];
    case 'support':
      return [
        ...elsewhere,
        to('party', 'cn', 'supports its own position'),
        to('party', 'us', 'not a party of the mechanism'),
        to('eventId', ids.cnEvent, 'both roundId and eventId'),
        s('unset roundId (neither roundId nor eventId)', (b) => unset(b, 'roundId')),
        to('marking', 'public', 'more open than its position'),
        foreign('positionId', 'position'),
        foreign('roundId', 'round'),
        ...(create ? [] : [to('positionId', ids.cnPositions[1], 'immutable')]),
      ];
    case 'milestone':
      return [];
    case 'amendment':
      return [...elsewhere, foreign('roundId', 'round'), ...(create ? [] : [to('roundId', ids.target.round, 'immutable')])];
    case 'communique':
      return [
        ...elsewhere,
        to('eventId', ids.cnEvent, 'both roundId and eventId'),
        s('unset roundId (neither roundId nor eventId)', (b) => unset(b, 'roundId')),
        to('marking', 'public', 'public before its publication'),
        to('status', 'published', 'set by the workflow'),
        to('approvals', [{ party: 'cn', username: 'cn-cochair', at: '2026-01-01T00:00:00Z', contentHash: '0'.repeat(64) }], 'set by the workflow'),
        foreign('roundId', 'round'),
      ];
    default:
      throw new Error(`no semantic mutations for ${kind}`);
  }
}

// ——— whole-body mutations: not JSON objects, not JSON, not sent as JSON ———

interface Raw extends fc.WithToStringMethod {
  label: string;
  build(valid: string): { payload?: string | Buffer; contentType?: string };
}

function raw(label: string, build: Raw['build']): Raw {
  return { label, build, [fc.toStringMethod]: () => `raw: ${label}` };
}

const JSON_CT = 'application/json';
const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const RAWS: Raw[] = [
  ...['null', '[]', '0', '42', '-1.5', '"text"', 'true', 'false', '', ' ', '\n', '{', 'NaN', 'undefined', "{'marking':'joint'}", '{"a":1,}', 'nul', '[{}]'].map((p) =>
    raw(`JSON ${show(p)}`, () => ({ payload: p, contentType: JSON_CT })),
  ),
  raw('the valid body inside an array', (v) => ({ payload: `[${v}]`, contentType: JSON_CT })),
  raw('the valid body twice', (v) => ({ payload: v + v, contentType: JSON_CT })),
  raw('the valid body, truncated', (v) => ({ payload: v.slice(0, -1), contentType: JSON_CT })),
  raw('the valid body with trailing garbage', (v) => ({ payload: `${v}x`, contentType: JSON_CT })),
  raw('the valid body with a trailing comma', (v) => ({ payload: v.replace(/\}$/, ',}'), contentType: JSON_CT })),
  raw('marking 1e999 (Infinity)', (v) => ({ payload: `${v.slice(0, -1)},"marking":1e999}`, contentType: JSON_CT })),
  raw('marking nested 10,000 arrays deep', (v) => ({ payload: `${v.slice(0, -1)},"marking":${nest(10_000)}}`, contentType: JSON_CT })),
  raw('arrays nested 400,000 deep', () => ({ payload: nest(400_000), contentType: JSON_CT })),
  raw('objects nested 100,000 deep', () => ({ payload: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), contentType: JSON_CT })),
  raw('__proto__ key', (v) => ({ payload: `{"__proto__":{"admin":true},${v.slice(1)}`, contentType: JSON_CT })),
  raw('constructor.prototype key', (v) => ({ payload: `{"constructor":{"prototype":{"admin":true}},${v.slice(1)}`, contentType: JSON_CT })),
  raw('body over 1 MB', (v) => ({ payload: `${v.slice(0, -1)},"padding":"${'x'.repeat(1_100_000)}"}`, contentType: JSON_CT })),
  raw('UTF-16 body', (v) => ({ payload: Buffer.from(v, 'utf16le'), contentType: JSON_CT })),
  raw('bytes that are not UTF-8', () => ({ payload: Buffer.from([0xff, 0xfe, 0xfd, 0x7b]), contentType: JSON_CT })),
  raw('no body, JSON content type', () => ({ contentType: JSON_CT })),
  raw('no body, no content type', () => ({})),
  raw('the valid body without a content type', (v) => ({ payload: v })),
  raw('a form body', () => ({ payload: 'marking=joint&name=x', contentType: 'application/x-www-form-urlencoded' })),
  ...['text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'image/png'].map((ct) =>
    raw(`the valid body as ${ct}`, (v) => ({ payload: v, contentType: ct })),
  ),
];

// ——— requests and the problem check ———

interface Request {
  method: Method;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

/** An id for the URL; `raw` ids go into the path as they are (not percent-encoded). */
interface UrlId extends fc.WithToStringMethod {
  id: string;
  raw: boolean;
}

function urlId(id: string, raw = false): UrlId {
  return { id, raw, [fc.toStringMethod]: () => `${raw ? 'raw ' : ''}id ${show(id)}` };
}

type Case =
  | { kind: 'fields'; semantic: Step | undefined; locals: Step[] }
  | { kind: 'raw'; raw: Raw }
  | { kind: 'id'; id: UrlId };

const pathId = (c: Case, fallback: string): string =>
  c.kind === 'id' ? (c.id.raw ? c.id.id : encodeURIComponent(c.id.id)) : encodeURIComponent(fallback);

function describeRequest(user: string, r: Request): string {
  const body = r.payload === undefined ? '(none)' : trunc(typeof r.payload === 'string' ? r.payload : `<${r.payload.length} bytes> ${r.payload.toString('hex', 0, 64)}`);
  return `${r.method} ${trunc(r.url, 200)} as ${user}, content-type ${r.contentType ?? '(none)'}, body ${body}`;
}

function checkProblem(res: LightMyRequestResponse, what: () => string): void {
  const fail = (why: string): never => {
    throw new Error(`${why}\n  request: ${what()}\n  response: ${res.statusCode} ${String(res.headers['content-type'])} ${trunc(res.body)}`);
  };
  if (res.statusCode < 400 || res.statusCode > 499) fail(`expected a 4xx answer, got ${res.statusCode}`);
  if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) fail('content-type is not application/problem+json');
  let p: Record<string, unknown> = {};
  try {
    p = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    fail('the body is not JSON');
  }
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail('the problem is not a JSON object');
  if (typeof p.type !== 'string' || p.type === '') fail('problem.type is missing');
  if (typeof p.title !== 'string' || p.title === '') fail('problem.title is missing');
  if (p.status !== res.statusCode) fail('problem.status differs from the HTTP status');
  if (typeof p.detail !== 'string' || p.detail === '') fail('problem.detail is missing');
  if (res.statusCode === 400 || res.statusCode === 422) {
    const errors = p.errors;
    if (!Array.isArray(errors) || errors.length === 0) fail('a validation problem without errors[]');
    for (const e of errors as Array<Record<string, unknown>>) {
      if (typeof e?.field !== 'string' || e.field === '') fail('an entry of errors[] without a field');
      if (typeof e?.message !== 'string') fail('an entry of errors[] without a message');
    }
  }
}

// ——— the database snapshot ———

const KEYS: Record<string, string[]> = { logEntries: ['logId', 'idx'], memberships: ['userId', 'mechanismId'], meta: ['key'] };
const TABLES = [...RESOURCES.map((r) => r.table), 'logs', 'logEntries', 'memberships', 'meta', 'users'];

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    let q = demo.store.db.selectFrom(table).selectAll();
    for (const key of KEYS[table] ?? ['id']) q = q.orderBy(sql.ref(key));
    const rows = await q.execute();
    out[table] = `${rows.length} rows, sha256 ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

// ——— the run ———

let demo: Demo;
let ids: Ids;

async function send(user: string, r: Request): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = sessionHeaders(await demo.cookie(user));
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  return demo.app.inject({ method: r.method, url: r.url, headers, ...(r.payload === undefined ? {} : { payload: r.payload }) });
}

/**
 * FUZZ_COLLECT=1: instead of stopping at a route's first failing request, go on and print
 * every distinct failure (by route, reason and status) with one example at the end. The
 * database check still runs. For finding all the bugs at once; the default fails fast.
 */
const COLLECT = process.env.FUZZ_COLLECT === '1';
const collected = new Map<string, { count: number; example: string }>();

async function fuzz(user: string, arb: fc.Arbitrary<Case>, examples: Case[], toRequest: (c: Case) => Request): Promise<void> {
  const before = await snapshot();
  const statuses: Record<number, number> = {};
  const route = expect.getState().currentTestName ?? '';
  let failure: unknown;
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        const r = toRequest(c);
        const res = await send(user, r);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        try {
          checkProblem(res, () => describeRequest(user, r));
        } catch (err) {
          if (!COLLECT) throw err;
          const message = (err as Error).message;
          const key = `${route.split(' > ').pop()} | ${res.statusCode} | ${message.split('\n')[0]} | ${trunc(fc.stringify(c), 160)}`;
          const seen = collected.get(key);
          if (seen) seen.count++;
          else collected.set(key, { count: 1, example: `${fc.stringify(c)}\n${message}` });
        }
      }),
      // The examples come first and count as runs: RUNS random cases follow them.
      { numRuns: RUNS + examples.length, examples: examplesOf(examples) },
    );
  } catch (err) {
    failure = err;
  }
  if (COLLECT) console.log(`${route}: ${RUNS + examples.length} requests, statuses ${JSON.stringify(statuses)}`);
  const after = await snapshot();
  const changed = TABLES.filter((t) => before[t] !== after[t]).map((t) => `${t}: ${before[t]} → ${after[t]}`);
  if (failure) {
    const note = changed.length ? `\n\nAND THE DATABASE CHANGED:\n  ${changed.join('\n  ')}` : '';
    throw new Error(`${(failure as Error).message}${note}`, { cause: failure });
  }
  expect(changed.join('\n'), 'tables changed by requests that were all refused').toBe('');
  expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(RUNS + examples.length);
}

/** Mostly one mutation at a time (so that none hides another), sometimes several. */
function fieldCases(def: ResourceDef, mode: Mode): fc.Arbitrary<Case> {
  const semantic = semanticSteps(def.kind, mode, ids);
  const local = localSteps(def, mode, ids);
  const none = fc.constant(undefined);
  const cases: Array<fc.WeightedArbitrary<Case>> = [
    { weight: 4, arbitrary: local.map((l): Case => ({ kind: 'fields', semantic: undefined, locals: [l] })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ semantic: semantic.length ? fc.option(fc.constantFrom(...semantic), { nil: undefined }) : none, locals: fc.array(local, { minLength: 1, maxLength: 3 }) })
        .map((c): Case => ({ kind: 'fields', ...c })),
    },
  ];
  if (semantic.length) cases.push({ weight: 2, arbitrary: fc.constantFrom(...semantic).map((x): Case => ({ kind: 'fields', semantic: x, locals: [] })) });
  return fc.oneof(...cases);
}

/**
 * Cases every run tries before the random ones: each domain rule broken alone; each text
 * field with an undeclared language, a malformed tag, a NUL and a lone surrogate; each date
 * impossible; each required field missing; server-set fields sent by the client.
 */
function fieldExamples(def: ResourceDef, mode: Mode): Case[] {
  const one = (l: Step): Case => ({ kind: 'fields', semantic: undefined, locals: [l] });
  const out: Case[] = semanticSteps(def.kind, mode, ids).map((x) => ({ kind: 'fields', semantic: x, locals: [] }));
  const lone: Case[] = [];
  const nul: Case[] = [];
  for (const [name, ft] of Object.entries(FIELD_TYPES[def.kind]!)) {
    if (ft.t === 'text') {
      out.push(one(setField(name, { en: 'ok', zz: 'x' })), one(setField(name, { 'en_US': 'x' })));
      lone.push(one(setField(name, { en: LONE_SURROGATES[0] })));
      nul.push(one(setField(name, { en: NUL })));
    }
    if (ft.t === 'str') {
      lone.push(one(setField(name, LONE_SURROGATES[0])));
      nul.push(one(setField(name, NUL)));
    }
    if (ft.t === 'url') {
      lone.push(one(setField(name, `https://example.org/${LONE_SURROGATES[0]}`)));
      nul.push(one(setField(name, `https://example.org/${NUL}`)));
    }
    if (ft.t === 'titles') {
      out.push(one(setField(name, [{ title: { en: 'Envoy', zz: 'x' } }])));
      lone.push(one(setField(name, [{ title: { en: LONE_SURROGATES[0] } }])));
    }
    if (ft.t === 'date') out.push(one(setField(name, '2025-02-30')), one(setField(name, '2025-13')));
    if (mode === 'create' && def.fields[name]!.presence === 'required') out.push(one(deleteField(name)));
  }
  out.push(one(setField('ownerParty', 'ru')), one(setField('id', ids.wangYi)), one(setField('logIndex', 0)));
  return [...out, ...lone, ...nul];
}

const rawExamples = (): Case[] => RAWS.map((r): Case => ({ kind: 'raw', raw: r }));

const examplesOf = (cases: Case[]): Array<[Case]> => cases.map((c) => [c]);
const idCase = (id: string, raw = false): Case => ({ kind: 'id', id: urlId(id, raw) });

/** Ids every PATCH and DELETE run tries: hidden, the other party's, referenced, broken URLs. */
function idExamples(kind: string, method: 'PATCH' | 'DELETE'): Case[] {
  return [
    ...ids.hidden.map((id) => idCase(id)),
    ...(ids.ruOwned[kind] ?? []).slice(0, 5).map((id) => idCase(id)),
    ...(method === 'DELETE' ? (ids.referenced[kind] ?? []) : []).map((id) => idCase(id)),
    ...RAW_URL_IDS.map((id) => idCase(id, true)),
  ];
}

function requestFor(method: Method, url: (c: Case) => string, base: Body) {
  const valid = JSON.stringify(base);
  return (c: Case): Request => {
    if (c.kind === 'raw') return { method, url: url(c), ...c.raw.build(valid) };
    if (c.kind === 'id') return { method, url: url(c), payload: valid, contentType: JSON_CT };
    const body = structuredClone(base);
    c.semantic?.apply(body);
    for (const l of c.locals) l.apply(body);
    return { method, url: url(c), payload: JSON.stringify(body), contentType: JSON_CT };
  };
}

/** Path segments that are not valid percent-encoding, or an id of 101+ characters. */
const RAW_URL_IDS = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '..', '.', `${'a'.repeat(101)}`, `${'x'.repeat(5000)}`, 'a%2Fb', '%2e%2e'];

/** Ids for the URL of PATCH and DELETE that name nothing the writer may change. */
function badIds(kind: string, method: 'PATCH' | 'DELETE'): fc.Arbitrary<UrlId> {
  const arbs: fc.Arbitrary<string>[] = [malformedId(ids), unresolvable(kind, ids), fc.uuid({ version: 7 })];
  const ru = ids.ruOwned[kind] ?? [];
  if (ru.length) arbs.push(fc.constantFrom(...ru));
  const referenced = ids.referenced[kind] ?? [];
  if (method === 'DELETE' && referenced.length) arbs.push(fc.constantFrom(...referenced));
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...arbs).map((id) => urlId(id)) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_IDS).map((id) => urlId(id, true)) },
  );
}

beforeAll(async () => {
  demo = await startDemo();
  const A = demo.mechanismId;
  const call = async (user: string, method: Method | 'GET', url: string, body: unknown, expected: number): Promise<Item> => {
    const res = await demo.call(user, method, url, body);
    if (res.statusCode !== expected) throw new Error(`setup: ${method} ${url} as ${user}: expected ${expected}, got ${res.statusCode} ${res.body}`);
    return res.json() as Item;
  };
  const list = async (user: string, path: string): Promise<Item[]> => {
    const res = await demo.call(user, 'GET', `/api/v1/${path}${path.includes('?') ? '&' : '?'}limit=200`);
    if (res.statusCode !== 200) throw new Error(`setup: GET ${path}: ${res.statusCode} ${res.body}`);
    return (res.json() as { items: Item[] }).items;
  };
  const one = <T>(xs: T[], what: string): T => {
    if (xs.length === 0 || xs[0] === undefined) throw new Error(`setup: no ${what}`);
    return xs[0];
  };
  const nameOf = (x: Item) => (x.name as Record<string, string>).en;

  const people = await list(WRITER, 'people');
  const person = (en: string) => one(people.filter((p) => nameOf(p) === en), en).id;
  const inA = `mechanismId=${A}`;
  const events = await list(WRITER, `events?${inA}`);
  const commitments = (await list(WRITER, `commitments?${inA}`)).filter((c) => c.ownerParty === 'cn');
  const positions = await list(WRITER, `positions?${inA}`);
  const ruPositions = await list('ru-secretariat', `positions?${inA}`);
  const ruAssessments = await list('ru-secretariat', `assessments?${inA}`);
  const hiddenPerson = await call('ru-secretariat', 'POST', '/api/v1/people', { party: 'ru', name: { en: 'Hidden Person' }, marking: 'internal' }, 201);

  const partial = {
    A,
    round20: one(await list(WRITER, `rounds?${inA}&number=20`), 'round 20').id,
    wangYi: person('Wang Yi'),
    shoigu: person('Sergei Shoigu'),
    xi: person('Xi Jinping'),
    putin: person('Vladimir Putin'),
    consensus: one(await list(WRITER, `consensus-items?${inA}`), 'consensus item').id,
    cnEvent: one(events.filter((e) => e.ownerParty === 'cn'), 'cn event').id,
    agreement: one(await list(WRITER, `agreements?${inA}`), 'agreement').id,
    commitments: commitments.map((c) => c.id),
    cnPositions: positions.filter((p) => p.ownerParty === 'cn' && p.marking === 'joint').map((p) => p.id),
    hiddenPerson: hiddenPerson.id,
    hidden: [
      hiddenPerson.id,
      one(ruPositions.filter((p) => p.marking === 'internal' && p.ownerParty === 'ru'), 'ru internal position').id,
      one(ruAssessments.filter((p) => p.marking === 'internal' && p.ownerParty === 'ru'), 'ru internal assessment').id,
    ],
    inC: {} as Record<string, string>,
    visible: [] as Ids['visible'],
    ruOwned: {} as Record<string, string[]>,
    referenced: {} as Record<string, string[]>,
    target: {} as Record<string, string>,
    patchBase: {} as Record<string, Body>,
  };
  if (partial.commitments.length < 3 || partial.cnPositions.length < 2) throw new Error('setup: the demo has changed');

  // B: a mechanism of both parties in which the writer holds no role (so cannot see it);
  // creating it also proves that the mechanism factory makes valid bodies.
  const B = (await call('cn-admin', 'POST', '/api/v1/mechanisms', validBody('mechanism', 1, { ...partial, B: '', C: '' }), 201)).id;
  // C: a mechanism where the writer is secretariat, holding records that A's may not refer to.
  const C = (await call('cn-admin', 'POST', '/api/v1/mechanisms', { name: { en: 'Fuzz mechanism C' }, parties: ['cn', 'ru'] }, 201)).id;
  const writer = await demo.store.db.selectFrom('users').select('id').where('username', '=', WRITER).executeTakeFirstOrThrow();
  await grantRole(demo.store.db, writer.id, C, 'secretariat');
  ids = { ...partial, B, C };
  ids.hidden.push(B);

  const make = async (path: string, body: Body) => (await call(WRITER, 'POST', `/api/v1/${path}`, { mechanismId: C, ...body }, 201)).id;
  ids.inC.event = await make('events', { kind: 'call', date: '2025', title: { en: 'C call' } });
  ids.inC.consensusItem = await make('consensus-items', { text: { en: 'C consensus' } });
  ids.inC.round = await make('rounds', { number: 1 });
  ids.inC.agreement = await make('agreements', { parties: ['cn'], kind: 'other', title: { en: 'C agreement' } });
  ids.inC.commitment = await make('commitments', { parties: ['cn'], text: { en: 'C commitment' } });
  ids.inC.position = await make('positions', { issue: { en: 'C issue' }, holderParty: 'cn' });

  // Every factory makes a valid body: create one record of each kind with it. These records
  // are the targets of the PATCH routes (cn-owned, so that the writer may change them).
  for (const def of RESOURCES) {
    if (def.kind === 'mechanism') {
      ids.target.mechanism = A;
      continue;
    }
    const expected = def.kind === 'party' ? 409 : 201; // both demo parties exist; a party is unique by code
    const created = await call(writerOf(def.kind, 'POST'), 'POST', `/api/v1/${def.path}`, validBody(def.kind, 1, ids), expected);
    if (def.kind === 'party') {
      ids.target.party = one((await list('cn-admin', 'parties?code=cn')), 'party cn').id;
    } else {
      ids.target[def.kind] = created.id;
    }
  }
  // Every PATCH base (the target's own field values) is a valid change.
  for (const def of RESOURCES) {
    const user = writerOf(def.kind, 'PATCH');
    const rec = await call(user, 'GET', `/api/v1/${def.path}/${ids.target[def.kind]}`, undefined, 200);
    const base: Body = {};
    for (const name of Object.keys(def.fields)) if (rec[name] !== null && rec[name] !== undefined) base[name] = rec[name];
    await call(user, 'PATCH', `/api/v1/${def.path}/${ids.target[def.kind]}`, base, 200);
    ids.patchBase[def.kind] = base;
  }

  for (const def of RESOURCES) {
    const items = await list(WRITER, def.path);
    ids.visible.push(...items.map((x) => ({ kind: def.kind, id: x.id })));
    ids.ruOwned[def.kind] = items.filter((x) => x.ownerParty === 'ru').map((x) => x.id);
  }
  ids.referenced = {
    round: [ids.round20],
    consensusItem: [ids.consensus],
    commitment: ids.commitments.slice(0, 3),
    position: ids.cnPositions,
    event: [ids.cnEvent],
    agreement: [ids.agreement],
  };
}, 120_000);

afterAll(async () => {
  await demo?.close();
  if (COLLECT) {
    const lines = [...collected].map(([key, v]) => `\n### ${key} (×${v.count})\n${v.example}`);
    console.log(`FUZZ_COLLECT: ${collected.size} distinct failures${lines.join('\n')}`);
  }
});

describe('write routes refuse bad requests with a problem and change nothing', () => {
  it('describes every field of every resource', () => {
    for (const def of RESOURCES) {
      expect(Object.keys(FIELD_TYPES[def.kind] ?? {}).sort(), def.kind).toEqual(Object.keys(def.fields).sort());
    }
  });

  it('the secretariat of a mechanism may change it (DESIGN §3)', async () => {
    // A valid no-op change of the demo mechanism by its cn secretariat (cn-admin may make it).
    const res = await demo.call(WRITER, 'PATCH', `/api/v1/mechanisms/${ids.A}`, { name: ids.patchBase.mechanism!.name });
    expect(res.statusCode, res.body).toBe(200);
  });

  for (const def of RESOURCES) {
    const collection = `/api/v1/${def.path}`;

    it(`POST ${collection}`, async () => {
      const base = validBody(def.kind, 2, ids);
      const arb = fc.oneof(
        { weight: 8, arbitrary: fieldCases(def, 'create') },
        { weight: 1, arbitrary: fc.constantFrom(...RAWS).map((r): Case => ({ kind: 'raw', raw: r })) },
      );
      await fuzz(writerOf(def.kind, 'POST'), arb, [...fieldExamples(def, 'create'), ...rawExamples()], requestFor('POST', () => collection, base));
    });

    it(`PATCH ${collection}/:id`, async () => {
      const target = ids.target[def.kind]!;
      const arb = fc.oneof(
        { weight: 7, arbitrary: fieldCases(def, 'update') },
        { weight: 1, arbitrary: fc.constantFrom(...RAWS).map((r): Case => ({ kind: 'raw', raw: r })) },
        { weight: 1, arbitrary: badIds(def.kind, 'PATCH').map((id): Case => ({ kind: 'id', id })) },
      );
      const url = (c: Case) => `${collection}/${pathId(c, target)}`;
      const examples = [...fieldExamples(def, 'update'), ...idExamples(def.kind, 'PATCH'), ...rawExamples()];
      await fuzz(writerOf(def.kind, 'PATCH'), arb, examples, requestFor('PATCH', url, ids.patchBase[def.kind]!));
    });

    it(`DELETE ${collection}/:id${def.deletable ? '' : ' (not deletable)'}`, async () => {
      const arb = def.deletable
        ? badIds(def.kind, 'DELETE').map((id): Case => ({ kind: 'id', id }))
        : fc.oneof(badIds(def.kind, 'DELETE'), fc.constant(urlId(ids.target[def.kind]!))).map((id): Case => ({ kind: 'id', id }));
      const url = (c: Case) => `${collection}/${pathId(c, '')}`;
      await fuzz(writerOf(def.kind, 'DELETE'), arb, idExamples(def.kind, 'DELETE'), (c) => ({ method: 'DELETE', url: url(c) }));
    });
  }
});
