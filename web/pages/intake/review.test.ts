import { describe, expect, it } from 'vitest';
import type { IntakeDraft } from './api.ts';
import { acceptRequest, allItems, placeError, reviewOf, segments, updateItem } from './review.ts';

const draft: IntakeDraft = {
  language: 'fr',
  mechanism: { value: { name: 'consultation', id: 'm1', parties: ['cn', 'ru'], isNew: false }, confidence: 0.9, span: [30, 42] },
  round: { value: 20, confidence: 0.9, span: [20, 29] },
  date: null,
  place: { value: 'Pékin', confidence: 0.9, span: [10, 15] },
  parties: [],
  coChairs: [
    { value: { name: 'Wang Yi', title: null, party: 'cn', personId: 'p1' }, confidence: 0.8, span: [50, 57] },
    { value: { name: 'Sergei Shoigu', title: null, party: 'ru' }, confidence: 0.4, span: [60, 73] },
    { value: { name: 'Li Wei', title: null, party: 'cn' }, confidence: 0.6, span: [80, 86] },
  ],
  statements: [{ value: { speaker: 'Wang Yi', kind: 'remark', text: 'a appelé', form: 'gist', party: 'cn' }, confidence: 0.7, span: [45, 70] }],
  commitments: [],
  consensus: [],
  positions: [],
  milestones: [],
  events: [],
  notes: [],
};

describe('the review of a draft', () => {
  it('keeps every extracted item, and offers the round, date or place the text did not give as empty items', () => {
    const review = reviewOf(draft);
    expect(review.round.map((i) => [i.key, i.value, i.accepted, i.found])).toEqual([['round', 20, true, true]]);
    expect(review.date.map((i) => [i.key, i.value, i.accepted, i.found])).toEqual([['date', '', false, false]]);
    expect(review.coChairs.map((i) => i.key)).toEqual(['coChairs.0', 'coChairs.1', 'coChairs.2']);
    expect(allItems(review)).toHaveLength(8);
  });

  it('sends the kept items only, and knows which review item each sent one was', () => {
    let review = reviewOf(draft);
    review = updateItem(review, 'coChairs', 'coChairs.0', (i) => ({ ...i, accepted: false }));
    review = updateItem(review, 'coChairs', 'coChairs.2', (i) => ({ ...i, value: { ...i.value, name: 'Li Wei Ming' } }));
    const { body, origin } = acceptRequest(review, { mechanismId: 'm1', language: 'fr', marking: 'joint', hostParty: undefined });
    expect(body.coChairs.map((c) => c.value.name)).toEqual(['Sergei Shoigu', 'Li Wei Ming']);
    expect(body.date).toBeNull();
    expect(body.round).toEqual({ value: 20 });
    expect(body.mechanism).toEqual({ value: { id: 'm1' } });
    expect('hostParty' in body).toBe(false);
    expect(origin.get('coChairs.0')).toBe('coChairs.1');
    expect(origin.get('coChairs.1')).toBe('coChairs.2');
    // The API's error paths, back on the items the reviewer sees.
    expect(placeError('coChairs.1.value.party', origin)).toEqual({ target: 'coChairs.2', sub: 'party' });
    expect(placeError('coChairs.0', origin)).toEqual({ target: 'coChairs.1' });
    expect(placeError('round', origin)).toEqual({ target: 'round', sub: 'value' });
    expect(placeError('date.value', origin)).toEqual({ target: 'date', sub: 'value' });
    expect(placeError('marking', origin)).toEqual({ target: 'marking' });
    expect(placeError('mechanism.value.id', origin)).toEqual({ target: 'mechanism' });
    expect(placeError('statements.4.value.text', origin)).toEqual({ target: 'form' });
    expect(acceptRequest(review, { mechanismId: 'm1', language: 'fr', marking: 'public', hostParty: null }).body.hostParty).toBeNull();
  });

  it('cuts the text at every span, each piece with the items covering it, the narrowest first', () => {
    const pieces = segments(90, allItems(reviewOf(draft)).filter((i) => i.found));
    expect(pieces[0]).toEqual({ start: 0, end: 10, keys: [] });
    expect(pieces.find((p) => p.start === 50)).toEqual({ start: 50, end: 57, keys: ['coChairs.0', 'statements.0'] });
    expect(pieces.find((p) => p.start === 45)).toEqual({ start: 45, end: 50, keys: ['statements.0'] });
    // The pieces tile the text.
    expect(pieces.map((p) => p.end).slice(0, -1)).toEqual(pieces.map((p) => p.start).slice(1));
    expect(pieces.at(-1)!.end).toBe(90);
    // A span outside the text or empty is left out rather than trusted.
    expect(segments(5, [{ key: 'x', span: [3, 9] }, { key: 'y', span: [2, 2] }])).toEqual([{ start: 0, end: 5, keys: [] }]);
  });
});
