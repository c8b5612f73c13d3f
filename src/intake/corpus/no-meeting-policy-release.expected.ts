import type { CorpusCase } from './expectation.ts';

// Adversarial: a policy announcement with no meeting in it. The "third International Conference
// on the Sahel, held in Brussels" is a past event, not a round of a mechanism: no round, no place,
// no co-chairs, and a note telling the reviewer that no meeting was found.
export default {
  language: 'en',
  published: '2024-05-03',
  expect: {
    round: null,
    place: null,
    coChairs: [],
    notes: 'some',
  },
} satisfies CorpusCase;
