import type { CorpusCase } from './expectation.ts';

// "Neuvième réunion" (a round called a meeting); a weekday with the full date; long titles after
// the names, "M."/"Mme" before them; an anniversary counted back from the year it was celebrated
// (2022, not the meeting's year); support for a position in French; the next meeting ("dixième",
// Rabat) that is not this one; a closing "Fait à Abidjan".
export default {
  language: 'fr',
  expect: {
    mechanism: { name: 'Commission mixte de coopération', isNew: true, parties: ['ma', 'ci'] },
    round: { value: 9, cue: ['neuvième', 'Neuvième'] },
    date: { value: '2024-05-16', cue: '16 mai 2024' },
    place: 'Abidjan',
    parties: ['ma', 'ci'],
    coChairs: [
      { name: 'Youssef El Amrani', party: 'ma', title: 'ministre des Affaires étrangères' },
      { name: 'Aya Kouamé', party: 'ci', title: 'ministre des Affaires étrangères' },
    ],
    statements: [
      { speaker: 'Youssef El Amrani', kind: 'remark', form: 'gist', party: 'ma', phrase: 'partenaire stratégique en Afrique de l\'Ouest' },
      // "Il a rappelé …" continues El Amrani.
      { speaker: 'Youssef El Amrani', kind: 'remark', form: 'gist', phrase: 'étudiants ivoiriens' },
      { speaker: 'Aya Kouamé', kind: 'remark', form: 'gist', party: 'ci', phrase: 'rééquilibrage des échanges' },
    ],
    commitments: {
      count: 2,
      items: [
        { phrase: 'mécanisme de suivi', parties: ['ma', 'ci'] },
        { phrase: 'dixième réunion', parties: ['ma', 'ci'] },
      ],
    },
    positions: [{ issue: 'Sahara', holder: 'ma', supporter: 'ci' }],
    milestones: [{ year: 1962, anniversary: 60, cue: '60 ans' }],
  },
} satisfies CorpusCase;
