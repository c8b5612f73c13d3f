/**
 * The intake's corpus (issue 7): every communiqué in src/intake/corpus/<slug>.txt is extracted
 * and compared with what a careful reader takes from it (<slug>.expected.ts, see
 * corpus/expectation.ts). Substance, not wording: numbers and dates exactly, names folded, phrases
 * by containment, and each item's span must point at the words it was taken from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CorpusCase, Cue } from './corpus/expectation.ts';
import type { IntakeDraft, Item } from './draft.ts';
import { extract } from './extract.ts';

const CORPUS = path.join(import.meta.dirname, 'corpus');
const EXPECTED = '.expected.ts';
const files = fs.readdirSync(CORPUS);
const texts = files.filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -'.txt'.length));
const expectations = files.filter((f) => f.endsWith(EXPECTED)).map((f) => f.slice(0, -EXPECTED.length));

interface CorpusEntry {
  slug: string;
  text: string;
  spec: CorpusCase;
}

const entries: CorpusEntry[] = await Promise.all(
  texts
    .filter((slug) => expectations.includes(slug))
    .sort()
    .map(async (slug) => {
      const url = pathToFileURL(path.join(CORPUS, slug + EXPECTED)).href;
      const module = (await import(url)) as { default: CorpusCase };
      return { slug, text: fs.readFileSync(path.join(CORPUS, `${slug}.txt`), 'utf8'), spec: module.default };
    }),
);

/** Case, accents, quotes, dashes and whitespace folded: "Genevieve" names "Geneviève". */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const contains = (haystack: string, needle: string): boolean => fold(haystack).includes(fold(needle));
const anyOf = (cue: Cue): string[] => (Array.isArray(cue) ? cue : [cue]);
const cueIn = (haystack: string, cue: Cue): boolean => anyOf(cue).some((c) => contains(haystack, c));
const sorted = (codes: ReadonlyArray<string | null | undefined>): Array<string | null | undefined> => [...codes].sort();

/** Spoken for by the expected name: the same name folded, or a run of its later words (a surname). */
function speaks(found: string | null, expected: string | null): boolean {
  if (found === null || expected === null) return found === expected;
  const f = fold(found).split(' ');
  const e = fold(expected).split(' ');
  if (f.join(' ') === e.join(' ')) return true;
  for (let start = 1; start + f.length <= e.length; start++) {
    if (f.every((word, i) => word === e[start + i])) return true;
  }
  return false;
}

function allItems(draft: IntakeDraft): Array<[string, Item<unknown>]> {
  const single: Array<[string, Item<unknown> | null]> = [
    ['mechanism', draft.mechanism],
    ['round', draft.round],
    ['date', draft.date],
    ['place', draft.place],
  ];
  const lists: Array<[string, Array<Item<unknown>>]> = [
    ['parties', draft.parties],
    ['coChairs', draft.coChairs],
    ['statements', draft.statements],
    ['commitments', draft.commitments],
    ['consensus', draft.consensus],
    ['positions', draft.positions],
    ['milestones', draft.milestones],
    ['events', draft.events],
  ];
  const out: Array<[string, Item<unknown>]> = [];
  for (const [field, item] of single) if (item) out.push([field, item]);
  for (const [field, list] of lists) list.forEach((item, i) => out.push([`${field}[${i}]`, item]));
  return out;
}

const show = (items: Array<Item<unknown>>): string => JSON.stringify(items.map((i) => i.value));

describe('intake corpus', () => {
  it('pairs every text with its expectations', () => {
    expect(texts.length).toBeGreaterThanOrEqual(12);
    expect(texts.filter((slug) => !expectations.includes(slug))).toEqual([]);
    expect(expectations.filter((slug) => !texts.includes(slug))).toEqual([]);
  });
});

for (const { slug, text, spec } of entries) {
  const want = spec.expect;
  const options = { language: spec.language, published: spec.published, known: spec.known };
  let memo: IntakeDraft | undefined;
  const draft = (): IntakeDraft => (memo ??= extract(text, options));
  const spanOf = (item: Item<unknown>): string => text.slice(item.span[0], item.span[1]);
  const knownNames = (personId: string | undefined): string[] =>
    spec.known?.people.find((p) => p.id === personId)?.names ?? [];

  describe(slug, () => {
    it('language detected', () => {
      const detected = extract(text, { published: spec.published, known: spec.known });
      expect(detected.language).toBe(spec.language);
    });

    it('spans within the text, confidences within 0–1', () => {
      const d = draft();
      expect(d.language).toBe(spec.language);
      expect(Array.isArray(d.notes)).toBe(true);
      for (const [field, item] of allItems(d)) {
        const [start, end] = item.span;
        expect(Number.isInteger(start) && Number.isInteger(end), `${field} span ${start}–${end}`).toBe(true);
        expect(start >= 0 && start < end && end <= text.length, `${field} span ${start}–${end} of ${text.length}`).toBe(true);
        expect(item.confidence >= 0 && item.confidence <= 1, `${field} confidence ${item.confidence}`).toBe(true);
      }
    });

    const mechanism = want.mechanism;
    if (mechanism) {
      it('mechanism', () => {
        const found = draft().mechanism;
        expect(found, 'a mechanism').not.toBeNull();
        if (!found) return;
        const m = found.value;
        if (mechanism.name !== undefined) expect(m.name, `name contains "${mechanism.name}"`).toSatisfy((n: string) => contains(n, mechanism.name ?? ''));
        if (mechanism.id !== undefined) expect(m.id).toBe(mechanism.id);
        if (mechanism.isNew !== undefined) expect(m.isNew).toBe(mechanism.isNew);
        if (mechanism.parties) expect(sorted(m.parties)).toEqual(sorted(mechanism.parties));
        if (mechanism.established !== undefined) expect(m.established).toBe(mechanism.established);
      });
    }

    const round = want.round;
    if (round !== undefined) {
      it('round', () => {
        const found = draft().round;
        if (round === null || (spec.partial && found === null)) {
          expect(found).toBeNull();
          return;
        }
        expect(found?.value).toBe(round.value);
        if (found) expect(spanOf(found), `round span contains ${JSON.stringify(round.cue)}`).toSatisfy((s: string) => cueIn(s, round.cue));
      });
    }

    const date = want.date;
    if (date !== undefined) {
      it('date', () => {
        const found = draft().date;
        if (date === null || (spec.partial && found === null)) {
          expect(found).toBeNull();
          return;
        }
        expect(found?.value).toBe(date.value);
        if (found) expect(spanOf(found), `date span contains ${JSON.stringify(date.cue)}`).toSatisfy((s: string) => cueIn(s, date.cue));
      });
    }

    const place = want.place;
    if (place !== undefined) {
      it('place', () => {
        const found = draft().place;
        if (place === null || (spec.partial && found === null)) {
          expect(found?.value ?? null).toBeNull();
          return;
        }
        expect(fold(found?.value ?? '')).toBe(fold(place));
        if (found) expect(spanOf(found), `place span contains "${place}"`).toSatisfy((s: string) => contains(s, place));
      });
    }

    const parties = want.parties;
    if (parties) {
      it('parties', () => {
        const codes = draft().parties.map((p) => p.value.code);
        if (spec.partial) {
          for (const code of codes) expect(parties, `party ${code}`).toContain(code);
        } else {
          expect(sorted(codes)).toEqual(sorted(parties));
        }
      });
    }

    const coChairs = want.coChairs;
    if (coChairs) {
      it('co-chairs', () => {
        const found = draft().coChairs;
        const sameName = (item: Item<{ name: string }>, name: string, personId?: string): boolean =>
          [name, ...knownNames(personId)].some((n) => fold(n) === fold(item.value.name));
        if (spec.partial) {
          expect(coChairs.length).toBeGreaterThanOrEqual(found.length);
        } else {
          expect(found.length, `co-chairs ${show(found)}`).toBe(coChairs.length);
        }
        for (const chair of coChairs) {
          const match = found.find((c) => sameName(c, chair.name, chair.personId));
          if (spec.partial && !match) continue;
          expect(match, `co-chair ${chair.name} among ${show(found)}`).toBeDefined();
          if (!match) continue;
          const v = match.value;
          expect(v.party, `party of ${chair.name}`).toBe(chair.party);
          if (chair.title === null) expect(v.title, `title of ${chair.name}`).toBeNull();
          else expect(v.title ?? '', `title of ${chair.name} contains ${JSON.stringify(chair.title)}`).toSatisfy((t: string) => cueIn(t, chair.title ?? []));
          if (chair.personId !== undefined) expect(v.personId, `person matched for ${chair.name}`).toBe(chair.personId);
          const surname = chair.name.split(/\s+/).at(-1) ?? chair.name;
          expect(spanOf(match), `span of ${chair.name} contains "${surname}"`).toSatisfy((s: string) => contains(s, surname));
        }
        if (spec.partial) {
          for (const c of found) {
            expect(coChairs.some((chair) => sameName(c, chair.name, chair.personId)), `unexpected co-chair ${c.value.name}`).toBe(true);
          }
        }
      });
    }

    const statements = want.statements;
    if (statements) {
      it('statements', () => {
        const found = draft().statements;
        for (const s of statements) {
          const match = found.find(
            (f) =>
              (speaks(f.value.speaker, s.speaker) || (s.personId !== undefined && f.value.personId === s.personId)) &&
              f.value.kind === s.kind &&
              (s.form === undefined || f.value.form === s.form) &&
              (s.party === undefined || f.value.party === s.party) &&
              (s.personId === undefined || f.value.personId === s.personId) &&
              contains(f.value.text, s.phrase) &&
              contains(spanOf(f), s.phrase),
          );
          expect(match, `statement ${JSON.stringify(s)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    const commitments = want.commitments;
    if (commitments) {
      it('commitments', () => {
        const found = draft().commitments;
        if (commitments.count !== undefined) expect(found.length, `commitments ${show(found)}`).toBe(commitments.count);
        for (const c of commitments.items) {
          const match = found.find(
            (f) =>
              contains(f.value.text, c.phrase) &&
              contains(spanOf(f), c.phrase) &&
              (c.parties === undefined || JSON.stringify(sorted(f.value.parties)) === JSON.stringify(sorted(c.parties))),
          );
          expect(match, `commitment ${JSON.stringify(c)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    const consensus = want.consensus;
    if (consensus) {
      it('consensus', () => {
        const found = draft().consensus;
        for (const c of consensus) {
          const match = found.find(
            (f) =>
              c.leaders.every((leader) => f.value.leaders.some((l) => contains(l, leader))) &&
              (c.phrase === undefined || contains(f.value.text, c.phrase)),
          );
          expect(match, `consensus ${JSON.stringify(c)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    const positions = want.positions;
    if (positions) {
      it('positions', () => {
        const found = draft().positions;
        for (const p of positions) {
          const match = found.find(
            (f) =>
              contains(f.value.issue, p.issue) &&
              f.value.holder === p.holder &&
              f.value.supporter === p.supporter &&
              contains(spanOf(f), p.issue),
          );
          expect(match, `position ${JSON.stringify(p)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    const milestones = want.milestones;
    if (milestones) {
      it('milestones', () => {
        const found = draft().milestones;
        for (const m of milestones) {
          const match = found.find(
            (f) =>
              f.value.year === m.year &&
              f.value.anniversary === m.anniversary &&
              (m.cue === undefined || cueIn(spanOf(f), m.cue)),
          );
          expect(match, `milestone ${JSON.stringify(m)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    const events = want.events;
    if (events) {
      it('events', () => {
        const found = draft().events;
        for (const e of events) {
          const match = found.find(
            (f) =>
              f.value.kind === e.kind &&
              f.value.date === e.date &&
              (e.participant === undefined || f.value.participants.some((p) => contains(p, e.participant ?? ''))) &&
              (e.cue === undefined || cueIn(spanOf(f), e.cue)),
          );
          expect(match, `event ${JSON.stringify(e)} among ${show(found)}`).toBeDefined();
        }
      });
    }

    if (want.notes === 'some') {
      it('notes for the reviewer', () => {
        expect(draft().notes.length, 'at least one note').toBeGreaterThan(0);
        for (const note of draft().notes) expect(note.trim()).not.toBe('');
      });
    }
  });
}
