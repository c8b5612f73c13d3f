import type { CorpusCase } from './expectation.ts';

// A dateline with the full date and "aujourd'hui"; the round in words; co-chairs with their titles
// before and "M."/"Mme" before the names; an earlier session ("la quatrième", Paris, a full date)
// and the next one ("la sixième") that are not this round; a state visit with a month; an
// anniversary counted back from "cette année"; commitments with an elided "d'établir".
export default {
  language: 'fr',
  expect: {
    mechanism: { name: 'Comité intergouvernemental de haut niveau', isNew: true, parties: ['dz', 'fr'] },
    round: { value: 5, cue: 'cinquième' },
    date: { value: '2022-10-09', cue: ['9 octobre 2022', "aujourd'hui"] },
    place: 'Alger',
    parties: ['dz', 'fr'],
    coChairs: [
      { name: 'Karim Benslimane', party: 'dz', title: 'Premier ministre' },
      { name: 'Élise Marchand', party: 'fr', title: 'Première ministre' },
    ],
    statements: [
      { speaker: 'Karim Benslimane', kind: 'remark', form: 'quote', party: 'dz', phrase: 'une page nouvelle' },
      { speaker: 'Élise Marchand', kind: 'remark', form: 'gist', party: 'fr', phrase: "diversification de l'économie algérienne" },
      // "Elle a rappelé …" continues Marchand.
      { speaker: 'Élise Marchand', kind: 'remark', form: 'gist', phrase: 'étudiants algériens' },
    ],
    commitments: {
      count: 3,
      items: [
        { phrase: 'comité mixte économique', parties: ['dz', 'fr'] },
        { phrase: "commission mixte d'historiens", parties: ['dz', 'fr'] },
        { phrase: 'sixième session', parties: ['dz', 'fr'] },
      ],
    },
    milestones: [{ year: 1962, anniversary: 60, cue: '60e anniversaire' }],
    events: [{ kind: 'state-visit', date: '2022-08', participant: 'Ferrand', cue: "visite d'État" }],
  },
} satisfies CorpusCase;
