import type { CorpusCase } from './expectation.ts';

// A date with month precision only (never an invented day); "troisième cycle"; titles before
// the names; a founding year; commitments with "se sont engagées à … et à …"; a joint
// statement with no speaker; a quote embedded in reported speech; support for a position.
export default {
  language: 'fr',
  expect: {
    mechanism: { name: 'dialogue stratégique', isNew: true, parties: ['sn', 'fr'], established: '2019' },
    round: { value: 3, cue: 'troisième' },
    date: { value: '2023-07', cue: 'juillet 2023' },
    place: 'Dakar',
    parties: ['sn', 'fr'],
    coChairs: [
      { name: 'Pierre-Yves Delmas', party: 'fr', title: 'secrétaire général' },
      { name: 'Mamadou Lamine Ndiaye', party: 'sn', title: 'secrétaire général' },
    ],
    statements: [
      { speaker: 'Pierre-Yves Delmas', kind: 'remark', party: 'fr', phrase: "d'égal à égal" },
      { speaker: 'Mamadou Lamine Ndiaye', kind: 'remark', form: 'gist', party: 'sn', phrase: 'besoins exprimés par les États de la région' },
      { speaker: null, kind: 'joint-statement', form: 'gist', phrase: 'partenariat renouvelé' },
    ],
    commitments: {
      count: 2,
      items: [
        { phrase: 'sécurité maritime dans le golfe de Guinée', parties: ['sn', 'fr'] },
        { phrase: 'jeunes chercheurs sénégalais', parties: ['sn', 'fr'] },
      ],
    },
    positions: [{ issue: 'réforme du Conseil de sécurité', holder: 'sn', supporter: 'fr' }],
    milestones: [{ year: 2019, anniversary: null, cue: '2019' }],
  },
} satisfies CorpusCase;
