import type { CorpusCase } from './expectation.ts';

// Known mechanism and people in their French transliteration (Nourlan Abenov, Sergueï Voronine)
// while the text writes them in English; "headed by" rather than "co-chaired"; a day without a
// year; the previous round (Moscow, March 2024) and the next one that are not this round; an
// anniversary counted back from "this year" (the publication's).
export default {
  language: 'en',
  published: '2025-04-16',
  known: {
    mechanisms: [
      {
        id: 'mech-kz-ru-consultations',
        names: ['Consultations stratégiques entre les ministères des Affaires étrangères du Kazakhstan et de la Russie'],
        parties: ['kz', 'ru'],
        established: '2014',
      },
    ],
    parties: [
      { code: 'kz', names: ['Kazakhstan', 'République du Kazakhstan'] },
      { code: 'ru', names: ['Russie', 'Fédération de Russie'] },
    ],
    people: [
      { id: 'p-abenov', party: 'kz', names: ['Nourlan Abenov'], titles: ['premier vice-ministre des Affaires étrangères'] },
      { id: 'p-voronine', party: 'ru', names: ['Sergueï Voronine'], titles: ['vice-ministre des Affaires étrangères'] },
    ],
  },
  expect: {
    mechanism: { id: 'mech-kz-ru-consultations', isNew: false, parties: ['kz', 'ru'] },
    round: { value: 6, cue: 'sixth' },
    date: { value: '2025-04-15', cue: '15 April' },
    place: 'Astana',
    parties: ['kz', 'ru'],
    coChairs: [
      { name: 'Nurlan Abenov', party: 'kz', title: 'First Deputy Minister of Foreign Affairs', personId: 'p-abenov' },
      { name: 'Sergei Voronin', party: 'ru', title: 'Deputy Minister of Foreign Affairs', personId: 'p-voronine' },
    ],
    statements: [
      { speaker: 'Nurlan Abenov', kind: 'remark', form: 'quote', party: 'kz', personId: 'p-abenov', phrase: 'longest continuous land border' },
      { speaker: 'Sergei Voronin', kind: 'remark', form: 'gist', party: 'ru', personId: 'p-voronine', phrase: 'balanced foreign policy' },
      // "He stressed …" continues Voronin.
      { speaker: 'Sergei Voronin', kind: 'remark', form: 'gist', phrase: 'Great Patriotic War' },
    ],
    commitments: {
      count: 2,
      items: [
        { phrase: 'Shanghai Cooperation Organisation', parties: ['kz', 'ru'] },
        { phrase: 'next round of consultations in Moscow', parties: ['kz', 'ru'] },
      ],
    },
    milestones: [
      { year: 1945, anniversary: 80, cue: '80th anniversary' },
      { year: 2014, anniversary: null, cue: '2014' },
    ],
  },
} satisfies CorpusCase;
