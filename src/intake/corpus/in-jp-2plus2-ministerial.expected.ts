import type { CorpusCase } from './expectation.ts';

// A 2+2 format: four ministers co-chair, titles before the names; the round in words; a day
// without a year; an earlier meeting (the second, in Tokyo) and a summit in Tokyo that are not
// this round; an anniversary counted back from the year the text names; a support that is a
// bid, not a "position on".
export default {
  language: 'en',
  published: '2024-08-21',
  expect: {
    mechanism: { name: '2+2', isNew: true, parties: ['in', 'jp'] },
    round: { value: 3, cue: 'third' },
    date: { value: '2024-08-20', cue: '20 August' },
    place: 'New Delhi',
    parties: ['in', 'jp'],
    coChairs: [
      { name: 'Arjun Mehta', party: 'in', title: 'External Affairs Minister' },
      { name: 'Vikram Rathore', party: 'in', title: 'Defence Minister' },
      { name: 'Keiko Morita', party: 'jp', title: 'Minister for Foreign Affairs' },
      { name: 'Hiroshi Tanabe', party: 'jp', title: 'Minister of Defense' },
    ],
    statements: [
      { speaker: 'Arjun Mehta', kind: 'remark', party: 'in', phrase: 'anchor of stability' },
      // "He noted …" continues Mehta.
      { speaker: 'Arjun Mehta', kind: 'remark', form: 'gist', phrase: 'defence industrial cooperation' },
      { speaker: 'Keiko Morita', kind: 'remark', form: 'gist', party: 'jp', phrase: 'trusted partner' },
      // "She added …" continues Morita.
      { speaker: 'Keiko Morita', kind: 'remark', form: 'gist', phrase: 'maritime security in the Indian Ocean' },
    ],
    commitments: {
      count: 3,
      items: [
        { phrase: 'Joint Working Group on defence equipment', parties: ['in', 'jp'] },
        { phrase: 'expand joint exercises', parties: ['in', 'jp'] },
        { phrase: 'next 2+2 meeting in Japan', parties: ['in', 'jp'] },
      ],
    },
    positions: [{ issue: 'permanent membership', holder: 'in', supporter: 'jp' }],
    milestones: [{ year: 2014, anniversary: 10, cue: '10th anniversary' }],
    events: [{ kind: 'summit', date: '2024-03', participant: 'Khanna', cue: 'Annual Summit' }],
  },
} satisfies CorpusCase;
