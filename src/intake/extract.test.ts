import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMUNIQUE_TEXT_FR, COMMUNIQUE_TITLE_FR } from '../seed/communique-2025-12-02.fr.ts';
import type { ExtractOptions, IntakeDraft, Item, KnownNames } from './draft.ts';
import { extract, MAX_CHARS } from './extract.ts';

/**
 * The intake's extractor through its API, `extract`: the seed communiqué gives what issue 7
 * lists, each pattern family holds on sentences of its own in French and English, and no
 * input — empty, binary, 10 MB, random — makes it throw or point outside the text.
 */

// The record as the demo seeds it (src/seed/demo.ts): what the secretariat's database knows.
const DEMO_KNOWN: KnownNames = {
  mechanisms: [
    {
      id: 'mech-demo',
      names: [
        'China–Russia strategic security consultation',
        'Consultation sur la sécurité stratégique Chine–Russie',
        '中俄战略安全磋商',
        'Российско-китайские консультации по стратегической безопасности',
      ],
      parties: ['cn', 'ru'],
      established: '2005',
    },
  ],
  parties: [
    { code: 'cn', names: ['China', 'Chine', '中国', 'Китай'] },
    { code: 'ru', names: ['Russia', 'Russie', '俄罗斯', 'Россия'] },
  ],
  people: [
    { id: 'p-wang', party: 'cn', names: ['Wang Yi', '王毅', 'Ван И'], titles: ['Senior Chinese official', 'Haut responsable chinois'] },
    { id: 'p-xi', party: 'cn', names: ['Xi Jinping', '习近平', 'Си Цзиньпин'], titles: ['President', 'Président'] },
    {
      id: 'p-shoigu',
      party: 'ru',
      names: ['Sergei Shoigu', 'Sergueï Choïgou', '谢尔盖·绍伊古', 'Сергей Шойгу'],
      titles: ['Secretary of the Security Council of Russia', 'Secrétaire du Conseil de sécurité de la Russie'],
    },
    { id: 'p-putin', party: 'ru', names: ['Vladimir Putin', 'Vladimir Poutine', '弗拉基米尔·普京', 'Владимир Путин'], titles: ['President', 'Président'] },
  ],
};

const SEED = `${COMMUNIQUE_TITLE_FR}\n\n${COMMUNIQUE_TEXT_FR}`;

function allItems(d: IntakeDraft): Array<Item<unknown>> {
  const singles: Array<Item<unknown> | null> = [d.mechanism, d.round, d.date, d.place];
  return [
    ...singles.filter((x): x is Item<unknown> => x !== null),
    ...d.parties,
    ...d.coChairs,
    ...d.statements,
    ...d.commitments,
    ...d.consensus,
    ...d.positions,
    ...d.milestones,
    ...d.events,
  ];
}

function wellFormed(text: string, d: IntakeDraft): void {
  for (const item of allItems(d)) {
    const [start, end] = item.span;
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(start >= 0 && start < end && end <= text.length, `span ${start}–${end} of ${text.length}`).toBe(true);
    expect(item.confidence >= 0 && item.confidence <= 1).toBe(true);
  }
  for (const note of d.notes) expect(note.startsWith('Extraction failed')).toBe(false);
}

const src = (text: string, item: Item<unknown>) => text.slice(item.span[0], item.span[1]);

describe('the seed communiqué of 2 December 2025', () => {
  const d = extract(SEED, { known: DEMO_KNOWN });

  it('is read as French, with spans into the original text', () => {
    expect(d.language).toBe('fr');
    wellFormed(SEED, d);
  });

  it('gives round 20, 2 December 2025, in Beijing (Pékin)', () => {
    expect(d.round?.value).toBe(20);
    expect(src(SEED, d.round!)).toBe('20e cycle');
    expect(d.date?.value).toBe('2025-12-02');
    expect(src(SEED, d.date!)).toBe('2 décembre 2025');
    expect(d.place?.value).toBe('Pékin');
    expect(src(SEED, d.place!)).toBe('Pékin');
  });

  it('gives China and Russia as the parties, both known', () => {
    expect(d.parties.map((p) => p.value.code).sort()).toEqual(['cn', 'ru']);
    for (const p of d.parties) {
      expect(p.value.isNew).toBe(false);
      expect(src(SEED, p)).toBe(p.value.name);
    }
  });

  it('matches the demo mechanism, founded in 2005', () => {
    expect(d.mechanism?.value).toMatchObject({ id: 'mech-demo', isNew: false, established: '2005' });
    expect(d.mechanism?.value.parties.sort()).toEqual(['cn', 'ru']);
    expect(src(SEED, d.mechanism!)).toBe('consultation sur la sécurité stratégique');
    expect(d.mechanism!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the co-chairs Wang Yi and Sergei Shoigu, matched to the known people, with their titles', () => {
    expect(d.coChairs.map((c) => c.value)).toEqual([
      { name: 'Wang Yi', title: 'haut responsable chinois', party: 'cn', personId: 'p-wang' },
      { name: 'Sergei Shoigu', title: 'secrétaire du Conseil de sécurité de la Russie', party: 'ru', personId: 'p-shoigu' },
    ]);
    expect(d.coChairs.map((c) => src(SEED, c))).toEqual(['Wang Yi', 'Sergei Shoigu']);
  });

  it('gives the key consensus of Xi Jinping and Vladimir Putin', () => {
    expect(d.consensus).toHaveLength(1);
    expect(d.consensus[0]!.value.leaders).toEqual(['Xi Jinping', 'Vladimir Poutine']);
    expect(src(SEED, d.consensus[0]!)).toBe('le consensus clé atteint par le président Xi Jinping et le président Vladimir Poutine');
  });

  it("gives Xi's visit to Moscow and Putin's to Beijing, in 2025", () => {
    const visits = d.events.map((e) => e.value);
    expect(visits).toEqual([
      { kind: 'state-visit', title: 'Xi Jinping a visité Moscou', date: '2025', place: 'Moscou', participants: ['Xi Jinping'] },
      { kind: 'state-visit', title: 'Vladimir Poutine est venu à Pékin', date: '2025', place: 'Pékin', participants: ['Vladimir Poutine'] },
    ]);
    expect(d.events.map((e) => src(SEED, e))).toEqual(['Xi Jinping a visité Moscou', 'Vladimir Poutine est venu à Pékin']);
  });

  it('gives the milestones of 1996, 2001 and 2005', () => {
    expect(d.milestones.map((m) => [m.value.year, m.value.anniversary])).toEqual([
      [1996, 30],
      [2001, 25],
      [2005, null],
    ]);
    expect(d.milestones[0]!.value.event).toBe('lancement de leur coordination stratégique');
    expect(d.milestones[1]!.value.event).toContain('Traité de bon voisinage et de coopération amicale');
    expect(src(SEED, d.milestones[0]!)).toContain('30 ans');
    expect(src(SEED, d.milestones[2]!)).toContain('2005');
  });

  it("attributes the statements to Wang Yi and to Shoigu, the 'Il a déclaré' sentence included", () => {
    const bySpeaker = (id: string) => d.statements.filter((s) => s.value.personId === id);
    expect(bySpeaker('p-wang').map((s) => s.value.text)).toEqual([
      "appelé les deux parties à maintenir l'élan, à tirer pleinement parti de cette plateforme et à renforcer la coordination pour affronter ensemble les défis externes",
    ]);
    const shoigu = bySpeaker('p-shoigu');
    expect(shoigu.some((s) => s.value.text.startsWith('leur coordination stratégique est à son niveau le plus élevé'))).toBe(true);
    expect(shoigu.every((s) => s.value.speaker === 'Sergei Shoigu' && s.value.party === 'ru' && s.value.kind === 'remark')).toBe(true);
    const il = d.statements.find((s) => src(SEED, s).startsWith('Il a déclaré'));
    expect(il?.value.personId).toBe('p-shoigu');
    for (const s of d.statements) expect(src(SEED, s)).toContain(s.value.text);
  });

  it("gives Russia's support for China's positions on Taiwan, Xizang, Xinjiang and Hong Kong", () => {
    expect(d.positions.map((p) => p.value.issue)).toEqual(['Taïwan', 'région du Xizang', 'région autonome ouïgoure du Xinjiang', 'région de Hong Kong']);
    for (const p of d.positions) {
      expect(p.value).toMatchObject({ holder: 'cn', supporter: 'ru' });
      expect(src(SEED, p)).toBe(p.value.issue);
    }
  });

  it('gives the three lines of commitment, of both sides', () => {
    expect(d.commitments.map((c) => c.value.text)).toEqual([
      'renforcer leur confiance stratégique',
      'élargir une coopération gagnant-gagnant pour stimuler la croissance économique et soutenir le renouveau national',
      'travailler main dans la main pour faire face aux menaces émergentes',
    ]);
    for (const c of d.commitments) {
      expect(c.value.parties.sort()).toEqual(['cn', 'ru']);
      expect(src(SEED, c)).toBe(c.value.text);
    }
  });

  it('says nothing to review when all is found, and grades a guess below a known name', () => {
    expect(d.notes).toEqual([]);
    const il = d.statements.find((s) => src(SEED, s).startsWith('Il a déclaré'))!;
    expect(il.confidence).toBeLessThan(d.coChairs[0]!.confidence);
  });

  it('still finds the round and people without any known names, proposing them as new', () => {
    const bare = extract(COMMUNIQUE_TEXT_FR);
    expect(bare.round?.value).toBe(20);
    expect(bare.mechanism?.value).toMatchObject({ name: 'consultation sur la sécurité stratégique', isNew: true, established: '2005' });
    expect(bare.coChairs.map((c) => [c.value.name, c.value.party, c.value.personId])).toEqual([
      ['Wang Yi', 'cn', undefined],
      ['Sergei Shoigu', 'ru', undefined],
    ]);
    expect(bare.parties.every((p) => p.value.isNew)).toBe(true);
  });
});

describe('ordinals', () => {
  const FR = [
    'premier', 'deuxième', 'troisième', 'quatrième', 'cinquième', 'sixième', 'septième', 'huitième', 'neuvième', 'dixième', 'onzième',
    'douzième', 'treizième', 'quatorzième', 'quinzième', 'seizième', 'dix-septième', 'dix-huitième', 'dix-neuvième', 'vingtième',
    'vingt-et-unième', 'vingt-deuxième', 'vingt-troisième', 'vingt-quatrième', 'vingt-cinquième', 'vingt-sixième', 'vingt-septième',
    'vingt-huitième', 'vingt-neuvième', 'trentième',
  ];
  const EN = [
    'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth',
    'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first', 'twenty-second',
    'twenty-third', 'twenty-fourth', 'twenty-fifth', 'twenty-sixth', 'twenty-seventh', 'twenty-eighth', 'twenty-ninth', 'thirtieth',
  ];

  it('reads French ordinals in words from 1 to 30', () => {
    FR.forEach((word, i) => {
      const text = `Le ${word} cycle du dialogue franco-italien s'est tenu à Rome le 3 mars 2024.`;
      expect(extract(text).round?.value, word).toBe(i + 1);
    });
  });

  it('reads English ordinals in words from 1 to 30', () => {
    EN.forEach((word, i) => {
      const text = `The ${word} session of the Italy–Spain Joint Commission was held in Madrid on 3 March 2024.`;
      expect(extract(text).round?.value, word).toBe(i + 1);
    });
  });

  it('reads figures, Roman numerals and longer words', () => {
    const cases: Array<[string, number]> = [
      ["La 20ème session de la commission mixte s'est tenue à Tunis le 3 mars 2024.", 20],
      ["La 1re réunion du comité franco-belge s'est tenue à Bruxelles le 3 mars 2024.", 1],
      ["La XXe session de la commission mixte s'est tenue à Tunis le 3 mars 2024.", 20],
      ["La XIVᵉ session de la commission mixte s'est tenue à Tunis le 3 mars 2024.", 14],
      ["La quatre-vingt-dixième session de la commission s'est tenue à Genève le 3 mars 2024.", 90],
      ['The 21st round of the Kenya–Uganda talks was held in Nairobi on 3 March 2024.', 21],
      ['The 22nd round of the Kenya–Uganda talks was held in Nairobi on 3 March 2024.', 22],
      ['The 33rd round of the Kenya–Uganda talks was held in Nairobi on 3 March 2024.', 33],
      ['The forty-second China–Japan High-Level Economic Dialogue was held in Tokyo on 3 March 2024.', 42],
    ];
    for (const [text, n] of cases) expect(extract(text).round?.value, text).toBe(n);
  });

  it('takes neither "Le" for L (50th) nor an anniversary for a round', () => {
    const d = extract("Le comité s'est réuni à Paris le 3 mars 2024 pour célébrer le 60e anniversaire du traité.");
    expect(d.round).toBeNull();
    expect(d.milestones.map((m) => [m.value.year, m.value.anniversary])).toEqual([[1964, 60]]);
  });
});

describe('dates', () => {
  const fr = (day: string) => `La cinquième session du dialogue franco-italien s'est tenue ${day} à Rome.`;
  const en = (day: string) => `The fifth session of the Italy–France dialogue was held ${day} in Rome.`;
  const date = (text: string, opts?: ExtractOptions) => extract(text, opts).date;

  it('takes a full date as the text gives it', () => {
    expect(date(fr('le 14 mars 2024'))?.value).toBe('2024-03-14');
    expect(date(en('on March 14, 2024'))?.value).toBe('2024-03-14');
    expect(date(en('on 14 March 2024'))?.value).toBe('2024-03-14');
  });

  it('keeps the precision the text gives: a month, never an invented day', () => {
    expect(date(fr('en juillet 2023'))?.value).toBe('2023-07');
    expect(date(en('in July 2023'))?.value).toBe('2023-07');
  });

  it('completes a day without a year from the publication date, and only from it', () => {
    expect(date(fr('le 14 mars'), { published: '2024-03-15' })?.value).toBe('2024-03-14');
    expect(date(en('on 28 December'), { published: '2025-01-03' })?.value).toBe('2024-12-28');
    const none = extract(fr('le 14 mars'));
    expect(none.date).toBeNull();
    expect(none.notes.some((n) => n.includes('publication date'))).toBe(true);
  });

  it('resolves a weekday and "hier"/"yesterday" against the publication date, and gives no day without it', () => {
    // 2026-03-12 is a Thursday.
    expect(date(en('on Tuesday'), { published: '2026-03-12' })?.value).toBe('2026-03-10');
    expect(date(fr('mardi'), { published: '2026-03-12' })?.value).toBe('2026-03-10');
    expect(date(fr('hier'), { published: '2026-03-12' })?.value).toBe('2026-03-11');
    expect(date(en('yesterday'), { published: '2026-03-12' })?.value).toBe('2026-03-11');
    for (const text of [en('on Tuesday'), fr('mardi'), fr('hier'), en('yesterday')]) expect(date(text), text).toBeNull();
  });

  it('takes the publication date from a dateline when none is given', () => {
    const d = extract('Ottawa, 18 November 2024 – The seventh session of the Canada–Mexico Joint Committee was held today in Ottawa.');
    expect(d.date?.value).toBe('2024-11-18');
    expect(d.notes.some((n) => n.includes('dateline'))).toBe(true);
  });

  it('ignores a publication date that is not one, with a note', () => {
    const d = extract(fr('hier'), { published: '2026-02-30' });
    expect(d.date).toBeNull();
    expect(d.notes.some((n) => n.includes('2026-02-30'))).toBe(true);
  });
});

describe('places', () => {
  it('gives no place for a video-conference, and says so', () => {
    const d = extract('The 4th round of the Chile–Peru political consultations was held by videoconference on 2 May 2024.');
    expect(d.round?.value).toBe(4);
    expect(d.place).toBeNull();
    expect(d.notes).toContain('Held by video-conference: no place.');
    const fr = extract("Le 4e cycle des consultations politiques franco-chiliennes s'est tenu par visioconférence le 2 mai 2024.");
    expect(fr.place).toBeNull();
  });

  it('takes a city the gazetteer lacks, with less confidence than one it has', () => {
    const known = extract("La 3e session de la commission mixte franco-allemande s'est tenue à Sarrebruck le 2 mai 2024.");
    const gazetteer = extract("La 3e session de la commission mixte franco-allemande s'est tenue à Strasbourg le 2 mai 2024.");
    expect(known.place?.value).toBe('Sarrebruck');
    expect(gazetteer.place?.value).toBe('Strasbourg');
    expect(known.place!.confidence).toBeLessThan(gazetteer.place!.confidence);
  });
});

describe('people, parties and the meeting', () => {
  it('reads a 2+2 with four ministers, their titles and their sides', () => {
    const text =
      'The fourth Australia–Japan 2+2 Foreign and Defence Ministerial Consultations were held in Canberra on 5 September 2024. ' +
      'They were co-chaired by Australian Foreign Minister Claire Hobson and Defence Minister Neil Turnbury, and by Japanese Foreign Minister Aiko Sato and Defence Minister Kenji Mori.';
    const d = extract(text);
    expect(d.round?.value).toBe(4);
    expect(d.mechanism?.value.name).toContain('2+2');
    expect(d.parties.map((p) => p.value.code).sort()).toEqual(['au', 'jp']);
    expect(d.coChairs.map((c) => [c.value.name, c.value.title, c.value.party])).toEqual([
      ['Claire Hobson', 'Australian Foreign Minister', 'au'],
      ['Neil Turnbury', 'Defence Minister', 'au'],
      ['Aiko Sato', 'Japanese Foreign Minister', 'jp'],
      ['Kenji Mori', 'Defence Minister', 'jp'],
    ]);
  });

  it('reads co-chairs without titles, their sides from the words after them', () => {
    const text =
      "La 6e session du dialogue stratégique franco-marocain s'est tenue à Rabat le 2 mai 2024. Elle a été coprésidée par Paul Mercier, pour la France, et par Samira Bennani, pour le Maroc.";
    const d = extract(text);
    expect(d.coChairs.map((c) => c.value)).toEqual([
      { name: 'Paul Mercier', title: null, party: 'fr' },
      { name: 'Samira Bennani', title: null, party: 'ma' },
    ]);
  });

  it('matches a known person written in another transliteration', () => {
    const known: KnownNames = {
      mechanisms: [],
      parties: [],
      people: [{ id: 'p-lavrov', party: 'ru', names: ['Sergueï Lavrov'], titles: [] }],
    };
    const d = extract('The 3rd round of the India–Russia consultations was held in Moscow on 2 May 2024. It was co-chaired by Sergey Lavrov and Anil Kapoor.', { known });
    expect(d.coChairs.find((c) => c.value.name === 'Sergey Lavrov')?.value.personId).toBe('p-lavrov');
  });

  it('does not take an earlier or a planned meeting for the round', () => {
    const text =
      "La 12e réunion du comité mixte franco-tunisien s'est tenue à Tunis le 2 mai 2024. Elle fait suite à la 11e réunion, tenue à Paris en mars 2022. Les deux parties sont convenues de tenir la 13e réunion à Paris en 2026.";
    const d = extract(text);
    expect(d.round?.value).toBe(12);
    expect(d.place?.value).toBe('Tunis');
    expect(d.events.map((e) => [e.value.kind, e.value.date, e.value.place])).toEqual([['meeting', '2022-03', 'Paris']]);
    expect(d.commitments.map((c) => c.value.text)).toEqual(['tenir la 13e réunion à Paris en 2026']);
  });

  it('reads English statements, a quote with its speaker after it, and a pronoun continuing the speaker', () => {
    const text =
      'The 5th round of the Kenya–Uganda Joint Commission was held in Kampala on 2 May 2024. It was co-chaired by Foreign Minister Grace Achieng of Kenya and Foreign Minister John Okello of Uganda. ' +
      '"Our border must be a bridge," said Minister Achieng. She stressed that trade had doubled. Okello called on both sides to open new crossings.';
    const d = extract(text);
    expect(d.statements.map((s) => [s.value.speaker, s.value.form, s.value.party])).toEqual([
      ['Grace Achieng', 'quote', 'ke'],
      ['Grace Achieng', 'gist', 'ke'],
      ['John Okello', 'gist', 'ug'],
    ]);
    expect(d.statements[0]!.value.text).toBe('Our border must be a bridge');
  });

  it('splits English commitments after "agreed to", with or without a repeated "to"', () => {
    const text =
      'The 5th round of the Kenya–Uganda Joint Commission was held in Kampala on 2 May 2024. Both sides agreed to strengthen border security, expand rail links and to hold the next session in Nairobi.';
    expect(extract(text).commitments.map((c) => c.value.text)).toEqual(['strengthen border security', 'expand rail links', 'hold the next session in Nairobi']);
    const bare = extract('The 5th round of the Kenya–Uganda Joint Commission was held in Kampala on 2 May 2024. Both sides agreed to strengthen border security, expand rail links and promote tourism.');
    expect(bare.commitments.map((c) => c.value.text)).toEqual(['strengthen border security', 'expand rail links', 'promote tourism']);
  });
});

describe('bad input', () => {
  it('answers an empty or blank text with a note and an empty draft', () => {
    for (const text of ['', '   \n\t ']) {
      const d = extract(text);
      expect(d.notes).toEqual(['The text is empty.']);
      expect(allItems(d)).toEqual([]);
    }
  });

  it('takes binary data for what it is', () => {
    const bytes = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const d = extract(bytes);
    expect(d.notes.some((n) => n.includes('binary'))).toBe(true);
    expect(allItems(d)).toEqual([]);
  });

  it('says when no meeting is found, and gives no round', () => {
    const d = extract('The Minister announced new funding for school meals today. The funding will reach two million children in 2025.');
    expect(d.round).toBeNull();
    expect(d.coChairs).toEqual([]);
    expect(d.notes.some((n) => n.startsWith('No meeting found'))).toBe(true);
  });

  it('notes a text that mixes French and English', () => {
    const text = `${COMMUNIQUE_TEXT_FR}\n\nThe two sides agreed to strengthen their strategic trust and to expand win-win cooperation. They also stressed that their coordination is at its highest level and that the partnership between the two countries will continue to grow in the years ahead.`;
    const d = extract(text);
    expect(d.round?.value).toBe(20);
    expect(d.notes.some((n) => n.includes('mixes French and English'))).toBe(true);
  });

  it('reads 10 MB of text up to its cap, and says so', () => {
    const big = SEED.repeat(Math.ceil(10_000_000 / SEED.length)).slice(0, 10_000_000);
    const d = extract(big, { known: DEMO_KNOWN });
    expect(d.notes[0]).toMatch(/^Text cut at [\d,]+ characters for extraction \(of 10,000,000\)/);
    expect(d.round?.value).toBe(20);
    for (const item of allItems(d)) expect(item.span[1]).toBeLessThanOrEqual(MAX_CHARS);
  });

  const fragments = [
    'Le 2 décembre 2025, ', 'The 20th round of the ', 'à Pékin ', 'in Beijing ', 'Wang Yi, ', 'secrétaire du Conseil, ', 'a déclaré que ',
    'said that ', '« ', ' »', '"', 'Il a déclaré ', 'He said ', 'les deux côtés ont convenu de ', 'agreed to ', ', et de ', ' and to ',
    'son soutien aux positions de la Chine sur ', "its support for India's position on ", '30 ans depuis ', '25th anniversary of ', 'Mis en place en 2005, ',
    'mardi ', 'yesterday ', 'XXe session ', 'vingt-et-unième ', '. ', '\n\n', ', ', ' et ', ' and ', 'M. ', 'Mme ', '2+2 ', '(', ')', '–', '\u0000',
  ];
  const mixed = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(''));
  const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((a) => String.fromCharCode(...a));

  it('never throws, and every span lies within the text (property)', () => {
    for (const arbitrary of [fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), codeUnits, mixed]) {
      fc.assert(
        fc.property(arbitrary, fc.constantFrom<ExtractOptions>({}, { published: '2025-12-04' }, { known: DEMO_KNOWN, language: 'fr' }, { language: 'en' }), (text, opts) => {
          wellFormed(text, extract(text, opts));
        }),
        { numRuns: 150 },
      );
    }
  });
});
