import type { CorpusCase } from './expectation.ts';

// Adversarial: a bilingual release, the English version then a shorter French one. The draft may
// be partial, but what it gives must be right (the round is the fourth, not the "fifth" or
// "cinquième" announced for Ottawa), and a note must tell the reviewer that the languages are mixed.
export default {
  language: 'en',
  partial: true,
  expect: {
    round: { value: 4, cue: ['fourth', 'quatrième'] },
    date: { value: '2025-03-04', cue: ['March 4, 2025', '4 mars 2025', 'today', "aujourd'hui"] },
    place: 'Paris',
    parties: ['ca', 'fr'],
    coChairs: [
      { name: 'Robert Lapointe', party: 'ca', title: ['Deputy Minister', 'sous-ministre'] },
      { name: 'Sylvie Garnier', party: 'fr', title: ['Director General', 'directrice générale'] },
    ],
    notes: 'some',
  },
} satisfies CorpusCase;
