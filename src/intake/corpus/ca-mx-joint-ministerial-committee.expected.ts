import type { CorpusCase } from './expectation.ts';

// A known mechanism and known people spelled otherwise (the text drops the accent of Geneviève
// and writes the dash as an en dash); commitments as a bulleted list; the next session ("eighth",
// Mexico City) that is not this one; a telephone call with a date without a year; a Quick facts box.
export default {
  language: 'en',
  known: {
    mechanisms: [
      {
        id: 'mech-ca-mx-jmc',
        names: ['Canada-Mexico Joint Ministerial Committee', 'Comité ministériel mixte Canada-Mexique'],
        parties: ['ca', 'mx'],
        established: null,
      },
    ],
    parties: [
      { code: 'ca', names: ['Canada'] },
      { code: 'mx', names: ['Mexico', 'Mexique', 'México'] },
    ],
    people: [
      { id: 'p-tremblay-roy', party: 'ca', names: ['Geneviève Tremblay-Roy'], titles: ['Minister of Foreign Affairs'] },
      { id: 'p-avila-cortes', party: 'mx', names: ['José Luis Ávila Cortés'], titles: ['Secretary of Foreign Affairs'] },
      { id: 'p-gagnon', party: 'ca', names: ['Laurent Gagnon'], titles: ['Prime Minister'] },
    ],
  },
  expect: {
    mechanism: { id: 'mech-ca-mx-jmc', isNew: false, parties: ['ca', 'mx'] },
    round: { value: 7, cue: 'seventh' },
    date: { value: '2024-11-18', cue: ['November 18, 2024', 'Today'] },
    place: 'Ottawa',
    parties: ['ca', 'mx'],
    coChairs: [
      { name: 'Genevieve Tremblay-Roy', party: 'ca', title: 'Minister of Foreign Affairs', personId: 'p-tremblay-roy' },
      { name: 'José Luis Ávila Cortés', party: 'mx', title: 'Secretary of Foreign Affairs', personId: 'p-avila-cortes' },
    ],
    statements: [
      {
        speaker: 'Genevieve Tremblay-Roy',
        kind: 'remark',
        form: 'quote',
        party: 'ca',
        personId: 'p-tremblay-roy',
        phrase: 'partners in prosperity',
      },
      { speaker: 'José Luis Ávila Cortés', kind: 'remark', form: 'gist', party: 'mx', phrase: 'energy and mining sectors' },
      // "He also stressed …" continues Ávila.
      { speaker: 'José Luis Ávila Cortés', kind: 'remark', form: 'gist', phrase: 'labour mobility' },
    ],
    commitments: {
      count: 3,
      items: [
        { phrase: 'critical minerals supply chains', parties: ['ca', 'mx'] },
        { phrase: 'Seasonal Agricultural Worker Program', parties: ['ca', 'mx'] },
        { phrase: 'eighth session', parties: ['ca', 'mx'] },
      ],
    },
    milestones: [{ year: 1944, anniversary: 80, cue: '80th anniversary' }],
    events: [{ kind: 'call', date: '2024-10-03', participant: 'Gagnon', cue: 'October 3' }],
  },
} satisfies CorpusCase;
