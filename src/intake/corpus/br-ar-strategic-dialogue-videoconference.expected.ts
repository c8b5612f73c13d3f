import type { CorpusCase } from './expectation.ts';

// A video-conference (no place); "yesterday" resolved against the publication date; the round in
// words; an anniversary without a year (counted back from the meeting's year); the leaders'
// consensus; a support worded as "legitimate rights in the … dispute"; a working group and the
// next round ("tenth", Buenos Aires) that are not this meeting.
export default {
  language: 'en',
  published: '2025-06-05',
  expect: {
    mechanism: { name: 'Strategic Dialogue', isNew: true, parties: ['br', 'ar'] },
    round: { value: 9, cue: 'ninth' },
    date: { value: '2025-06-04', cue: 'yesterday' },
    place: null,
    parties: ['br', 'ar'],
    coChairs: [
      { name: 'Ana Beatriz Moraes', party: 'br', title: 'Secretary-General of Foreign Affairs' },
      { name: 'Tomás Echeverría', party: 'ar', title: 'Vice-Minister of Foreign Affairs' },
    ],
    statements: [
      { speaker: 'Ana Beatriz Moraes', kind: 'remark', party: 'br', phrase: 'strategic by vocation' },
      { speaker: 'Tomás Echeverría', kind: 'remark', form: 'gist', party: 'ar', phrase: 'pending external agreements' },
    ],
    commitments: {
      count: 2,
      items: [
        { phrase: 'working group on cooperation in the peaceful uses of nuclear energy', parties: ['br', 'ar'] },
        { phrase: 'tenth round', parties: ['br', 'ar'] },
      ],
    },
    consensus: [{ leaders: ['Andrade', 'Uriarte'] }],
    positions: [{ issue: 'Malvinas', holder: 'ar', supporter: 'br' }],
    milestones: [{ year: 1985, anniversary: 40, cue: '40th anniversary' }],
    events: [{ kind: 'state-visit', date: '2025-03', participant: 'Uriarte', cue: 'state visit' }],
  },
} satisfies CorpusCase;
