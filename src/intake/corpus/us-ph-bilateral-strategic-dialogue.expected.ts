import type { CorpusCase } from './expectation.ts';

// The round in figures ("12th"); "on Tuesday" resolved against the publication date; long titles
// before the names; two anniversaries counted back from "this year"; a state visit with a month;
// support for a position; the next round ("13th BSD in Manila") that is not this one.
export default {
  language: 'en',
  published: '2026-03-12',
  expect: {
    mechanism: { name: 'Bilateral Strategic Dialogue', isNew: true, parties: ['us', 'ph'] },
    round: { value: 12, cue: '12th' },
    date: { value: '2026-03-10', cue: 'Tuesday' },
    place: 'Washington',
    parties: ['us', 'ph'],
    coChairs: [
      { name: 'Daniel Whitmore', party: 'us', title: 'Under Secretary of State for Political Affairs' },
      { name: 'Maria Cristina Dizon', party: 'ph', title: 'Undersecretary of Foreign Affairs' },
    ],
    statements: [
      { speaker: 'Daniel Whitmore', kind: 'remark', form: 'quote', party: 'us', phrase: 'never been stronger' },
      // "He underlined …" continues Whitmore.
      { speaker: 'Daniel Whitmore', kind: 'remark', form: 'gist', phrase: 'armed attacks on Philippine armed forces' },
      { speaker: 'Maria Cristina Dizon', kind: 'remark', form: 'gist', party: 'ph', phrase: 'rules-based approach' },
    ],
    commitments: {
      count: 3,
      items: [
        { phrase: 'Enhanced Defense Cooperation Agreement', parties: ['us', 'ph'] },
        { phrase: 'critical minerals working group', parties: ['us', 'ph'] },
        { phrase: 'convene the 13th BSD in Manila', parties: ['us', 'ph'] },
      ],
    },
    positions: [{ issue: 'South China Sea', holder: 'ph', supporter: 'us' }],
    milestones: [
      { year: 1946, anniversary: 80, cue: '80th anniversary' },
      { year: 1951, anniversary: 75, cue: '75th anniversary' },
    ],
    events: [{ kind: 'state-visit', date: '2025-07', participant: 'Villareal', cue: 'state visit' }],
  },
} satisfies CorpusCase;
