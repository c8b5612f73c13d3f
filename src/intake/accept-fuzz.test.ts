import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { startDemo, type Demo } from '../../test/support/app.ts';
import { rowCounts, type ReviewedDraft } from './test-helpers.ts';

/**
 * A property test of POST /api/v1/intake/accept (the write-route fuzzer covers the generic
 * record routes only): a valid reviewed draft with one or a few values replaced by anything
 * (wrong types, empty or oversize strings, NUL, lone surrogates, unknown codes, other people's
 * names, deep objects) or removed. Every answer is 201 or a 4xx problem+json naming a field
 * (never a 5xx), and a refused draft leaves every record table and the log as they were.
 */

const RUNS = Math.max(150, Number(process.env.FUZZ_RUNS ?? 150));
/** A field of the reviewed draft (its top-level keys, then any path inside). */
const DRAFT_FIELD = /^(language|mechanism|round|date|place|parties|coChairs|statements|commitments|consensus|positions|milestones|events|marking|hostParty)(\.[^.]+)*$/;
let demo: Demo;
let next = 1000;

function valid(round: number): ReviewedDraft {
  return {
    language: 'fr',
    mechanism: { value: { id: demo.mechanismId } },
    round: { value: round },
    date: { value: '2026-03-02' },
    place: { value: 'Moscou' },
    parties: [{ value: { name: 'la Chine', code: 'cn' } }],
    coChairs: [{ value: { name: 'Wang Yi', title: 'haut responsable', party: 'cn' } }],
    statements: [{ value: { speaker: 'Wang Yi', kind: 'remark', form: 'gist', text: 'A appelé à la coordination.', party: 'cn' } }],
    commitments: [{ value: { text: 'Renforcer la confiance.', parties: ['cn', 'ru'] } }],
    consensus: [{ value: { text: 'Le consensus des présidents.', leaders: ['Xi Jinping'] } }],
    positions: [{ value: { issue: 'Taïwan', holder: 'cn', supporter: 'ru', text: 'La Russie a réitéré son soutien.' } }],
    milestones: [{ value: { event: 'Signature du traité', year: 2001, anniversary: 25 } }],
    events: [{ value: { kind: 'call', title: 'Un appel', date: '2026-01', place: null, participants: ['Xi Jinping'] } }],
  };
}

/** Every path of a JSON value (objects and arrays included), as keys. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'x'.repeat(25_000), 'a\u0000b', '\uD800', 'zz', 'us', 'Vladimir Putin', 'Nobody Known', '2025-02-30', '0001', 'null'),
  fc.integer(),
  fc.constantFrom(0, -1, 1e12, 1.5, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
  fc.constant({ value: { value: { value: 1 } } }),
);

/** Replaces (or, with `undefined`, removes) the value at `path`. */
function mutate(draft: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(draft) ? [...(draft as unknown[])] : { ...(draft as Record<string, unknown>) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  if (rest.length === 0 && value === undefined) delete copy[head!];
  else copy[head!] = mutate(copy[head!], rest, value);
  return copy;
}

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe('POST /api/v1/intake/accept with damaged drafts', () => {
  it('answers 201 or a 4xx problem naming a field, never a 5xx, and a refusal writes nothing', async () => {
    // Values inside the draft (a body that is no draft at all is the schema's first refusal).
    const all = paths(valid(1)).slice(1);
    const mutation = fc.tuple(fc.integer({ min: 0, max: all.length - 1 }), fc.option(anything, { nil: undefined }));
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let draft: unknown = valid(next++);
        for (const [i, value] of mutations) draft = mutate(draft, all[i]!, value);
        const before = await rowCounts(demo.store.db);
        const res = await demo.call('cn-secretariat', 'POST', '/api/v1/intake/accept', draft);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const shown = `${res.statusCode} ${res.body.slice(0, 400)}\nfor ${String(JSON.stringify(draft)).slice(0, 600)}`;
        expect(res.statusCode < 500, shown).toBe(true);
        if (res.statusCode === 201) return;
        expect([400, 403, 409, 413, 422], shown).toContain(res.statusCode);
        expect(res.headers['content-type'], shown).toMatch(/^application\/problem\+json/);
        const problem = res.json() as { errors?: Array<{ field: string }> };
        expect(problem.errors?.length ?? 0, shown).toBeGreaterThan(0);
        // Each names a place in the draft the reviewer sent.
        for (const e of problem.errors!) expect(e.field, shown).toMatch(DRAFT_FIELD);
        expect(await rowCounts(demo.store.db), shown).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    // Most damage is refused; some (a changed title, a dropped optional field) is a fine draft.
    expect(Object.keys(statuses).some((s) => s.startsWith('4')), JSON.stringify(statuses)).toBe(true);
  }, 300_000);
});
