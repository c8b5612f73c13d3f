import { describe, expect, it } from 'vitest';
import { changes, initialValues, inputId, inputOf, placeErrors, toPayload } from './form-state.ts';
import { KINDS } from './kinds.ts';

const LANGS = ['zh', 'ru', 'en', 'fr'];
const round = KINDS.round.fields;
const statement = KINDS.statement.fields;

describe('initialValues and toPayload', () => {
  it('prefills a new record from the query and leaves empty optional inputs out of it', () => {
    const values = initialValues(statement, undefined, { roundId: 'r1' }, 'joint');
    expect(values).toMatchObject({ marking: 'joint', roundId: 'r1', form: 'gist', kind: '', text: {} });
    values.text = { en: 'Hello.', fr: '  ' };
    expect(toPayload(statement, values, 'create', ['cn', 'ru'])).toEqual({ marking: 'joint', roundId: 'r1', form: 'gist', kind: '', text: { en: 'Hello.' } });
  });

  it('sends numbers as numbers, co-chairs in the mechanism’s party order, and only what an edit changed', () => {
    const stored = {
      marking: 'public', number: 20, startDate: '2025-12-02', endDate: null, place: { en: 'Beijing' }, hostParty: 'cn',
      coChairs: [{ party: 'ru', personId: 'p2' }, { party: 'cn', personId: 'p1' }], consensusItemIds: ['c1'], status: 'held',
    };
    const values = initialValues(round, stored, {}, 'joint');
    const before = toPayload(round, values, 'update', ['cn', 'ru']);
    expect(before).toMatchObject({ number: 20, endDate: null, coChairs: [{ party: 'cn', personId: 'p1' }, { party: 'ru', personId: 'p2' }] });
    values.startDate = '';
    values.place = { en: 'Beijing', fr: 'Pékin' };
    expect(changes(toPayload(round, values, 'update', ['cn', 'ru']), before)).toEqual({ startDate: null, place: { en: 'Beijing', fr: 'Pékin' } });
  });

  it('keeps a required number the reader left empty, as null, for the API to name', () => {
    const values = initialValues(round, undefined, {}, 'joint');
    expect(toPayload(round, values, 'create', ['cn', 'ru']).number).toBeNull();
    values.number = '2x';
    expect(toPayload(round, values, 'create', ['cn', 'ru']).number).toBe('2x');
  });
});

describe('a communiqué’s embargo', () => {
  const communique = KINDS.communique.fields;
  const stored = { marking: 'joint', roundId: 'r20', eventId: null, title: { fr: 'Titre' }, text: { fr: 'Texte' }, embargo: '2025-12-02T12:00:00.000Z' };

  it('is typed in the reader’s time zone and sent in UTC', () => {
    const values = initialValues(communique, stored, {}, 'joint', 'Asia/Shanghai');
    expect(values.embargo).toBe('2025-12-02T20:00');
    values.embargo = '2025-12-03T09:30';
    expect(toPayload(communique, values, 'update', ['cn', 'ru'], 'Asia/Shanghai').embargo).toBe('2025-12-03T01:30:00.000Z');
  });

  it('is not sent by an edit that left it alone, sent as null once cleared, and left out of a new draft without one', () => {
    const before = toPayload(communique, initialValues(communique, stored, {}, 'joint', 'Europe/Moscow'), 'update', ['cn', 'ru'], 'Europe/Moscow');
    const values = initialValues(communique, stored, {}, 'joint', 'Europe/Moscow');
    values.title = { fr: 'Titre', en: 'Title' };
    expect(changes(toPayload(communique, values, 'update', ['cn', 'ru'], 'Europe/Moscow'), before)).toEqual({ title: { fr: 'Titre', en: 'Title' } });
    values.embargo = '';
    expect(changes(toPayload(communique, values, 'update', ['cn', 'ru'], 'Europe/Moscow'), before)).toMatchObject({ embargo: null });
    const fresh = initialValues(communique, undefined, { roundId: 'r20' }, 'joint', 'UTC');
    expect(toPayload(communique, fresh, 'create', ['cn', 'ru'], 'UTC')).not.toHaveProperty('embargo');
  });

  it('goes out as typed when it is no date and time, for the API to name the field', () => {
    const values = initialValues(communique, undefined, {}, 'joint', 'UTC');
    values.embargo = '2025-02-30T10:00';
    expect(toPayload(communique, values, 'create', ['cn', 'ru'], 'UTC').embargo).toBe('2025-02-30T10:00');
  });
});

describe('problem+json field paths to inputs', () => {
  const payload = { coChairs: [{ party: 'cn', personId: 'a' }, { party: 'ru', personId: 'b' }] };

  it('maps a plain field, a language of a text, a co-chair by its party, and the marking', () => {
    expect(inputOf('number', round, payload, LANGS)).toBe('number');
    expect(inputOf('place.fr', round, payload, LANGS)).toBe('place.fr');
    expect(inputOf('coChairs.1.personId', round, payload, LANGS)).toBe('coChairs.ru');
    expect(inputOf('marking', round, payload, LANGS)).toBe('marking');
  });

  it('sends paths inside a group without an input of their own to the group', () => {
    expect(inputOf('place', round, payload, LANGS)).toBe('place');
    expect(inputOf('place.de', round, payload, LANGS)).toBe('place');
    expect(inputOf('consensusItemIds.0', round, payload, LANGS)).toBe('consensusItemIds');
    expect(inputOf('coChairs.5.party', round, payload, LANGS)).toBe('coChairs');
  });

  it('leaves fields the form does not show to the summary, and joins two messages on one input', () => {
    const placed = placeErrors(
      [
        { field: 'mechanismId', message: 'no such mechanism' },
        { field: '(body)', message: 'the JSON body is empty' },
        { field: 'text', message: 'needs a text in at least one language' },
        { field: 'kind', message: 'Invalid option' },
        { field: 'kind', message: 'is required' },
      ],
      statement,
      {},
      LANGS,
    );
    expect([...placed.byInput]).toEqual([
      ['text', 'needs a text in at least one language'],
      ['kind', 'Invalid option is required'],
    ]);
    expect(placed.unplaced.map((e) => e.field)).toEqual(['mechanismId', '(body)']);
  });

  it('makes DOM ids from input keys', () => {
    expect(inputId('text.zh-Hant')).toBe('field-text-zh-Hant');
    expect(inputId('coChairs.ru')).toBe('field-coChairs-ru');
  });
});
