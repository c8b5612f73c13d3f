import type { CorpusCase } from './expectation.ts';

// Roman-numeral round; a dateline date (the publication) that is not the meeting's; a day without
// a year; the city in its French form; central-bank governors present but not co-chairs; other
// meetings mentioned (the Council of Ministers in Toulouse, the next session in Paris).
export default {
  language: 'fr',
  published: '2025-03-15',
  expect: {
    mechanism: {
      name: 'Conseil économique et financier franco-allemand',
      isNew: true,
      parties: ['fr', 'de'],
      established: '1988',
    },
    round: { value: 14, cue: 'XIVe' },
    date: { value: '2025-03-14', cue: '14 mars' },
    place: 'Sarrebruck',
    parties: ['fr', 'de'],
    coChairs: [
      { name: 'Hélène Marchetti', party: 'fr', title: "ministre de l'Économie" },
      { name: 'Jörg Albrecht', party: 'de', title: 'ministre fédéral des Finances' },
    ],
    statements: [
      { speaker: 'Hélène Marchetti', kind: 'remark', form: 'quote', party: 'fr', phrase: 'marché des capitaux fragmenté' },
      // "Elle a ajouté que …": the pronoun continues Hélène Marchetti.
      { speaker: 'Hélène Marchetti', kind: 'remark', form: 'gist', phrase: "propositions concrètes avant l'été" },
      { speaker: 'Jörg Albrecht', kind: 'remark', form: 'gist', party: 'de', phrase: 'discipline budgétaire' },
    ],
    commitments: {
      count: 3,
      items: [
        { phrase: 'supervision des marchés financiers', parties: ['fr', 'de'] },
        { phrase: 'au sein du G7', parties: ['fr', 'de'] },
        { phrase: 'groupe de travail sur le financement', parties: ['fr', 'de'] },
      ],
    },
    milestones: [{ year: 1988, anniversary: null, cue: '1988' }],
  },
} satisfies CorpusCase;
