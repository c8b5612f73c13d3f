import type { CorpusCase } from './expectation.ts';

// Two co-chairs without titles (only their sides); "hier" against the publication date (the
// dateline's 5 June is the publication, not the meeting); the round in figures ("20e") and in
// words in the heading; an anniversary in words ("ses vingt ans") of a launch year; the last
// meeting (Paris, May 2024) and the next one ("21e", Paris) that are not this round.
export default {
  language: 'fr',
  published: '2025-06-05',
  expect: {
    mechanism: { name: 'dialogue politique franco-suisse', isNew: true, parties: ['fr', 'ch'], established: '2005' },
    round: { value: 20, cue: ['20e', 'Vingtième'] },
    date: { value: '2025-06-04', cue: 'hier' },
    place: 'Berne',
    parties: ['fr', 'ch'],
    coChairs: [
      { name: 'Anne-Sophie Léger', party: 'fr', title: null },
      { name: 'Matthias Brunner', party: 'ch', title: null },
    ],
    statements: [
      { speaker: 'Matthias Brunner', kind: 'remark', form: 'quote', party: 'ch', phrase: "n'a jamais été aussi dense" },
      { speaker: 'Anne-Sophie Léger', kind: 'remark', form: 'gist', party: 'fr', phrase: 'télétravail des frontaliers' },
    ],
    commitments: {
      count: 2,
      items: [
        { phrase: 'groupe de travail sur la mobilité transfrontalière', parties: ['fr', 'ch'] },
        { phrase: 'se retrouver à Paris', parties: ['fr', 'ch'] },
      ],
    },
    milestones: [{ year: 2005, anniversary: 20, cue: ['2005', 'vingt ans'] }],
  },
} satisfies CorpusCase;
