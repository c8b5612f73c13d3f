import type { IntakeLanguage } from './draft.ts';
import type { Span } from './text.ts';

/**
 * Ordinals in figures ("20e", "20ème", "1er", "20th"), in Roman numerals ("XXe") and in words
 * ("vingtième", "vingt-et-unième", "quatre-vingt-dixième", "twenty-first", "seventh"), and the
 * round they number when a meeting noun follows ("20e cycle", "the seventh China–Russia
 * strategic security consultation").
 */

const FR_CARDINALS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50,
  soixante: 60, cent: 100, cents: 100,
};
/** The stem before "-ième" and its value. */
const FR_ORDINAL_STEMS: Record<string, number> = {
  un: 1, deux: 2, trois: 3, quatr: 4, cinqu: 5, six: 6, sept: 7, huit: 8, neuv: 9, dix: 10, onz: 11, douz: 12, treiz: 13,
  quatorz: 14, quinz: 15, seiz: 16, vingt: 20, trent: 30, quarant: 40, cinquant: 50, soixant: 60, cent: 100,
};
const EN_UNITS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18,
  nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80,
  ninetieth: 90, hundredth: 100,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** A French ordinal in words (folded: no accents), or null. */
export function frenchOrdinal(words: string): number | null {
  const parts = words.split(/[\s-]+/).filter((w) => w !== 'et' && w !== '');
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1]!;
  let lastValue: number | undefined;
  if (last === 'premier' || last === 'premiere' || last === 'premiers' || last === 'premieres') lastValue = parts.length === 1 ? 1 : undefined;
  else if (last === 'second' || last === 'seconde') lastValue = parts.length === 1 ? 2 : undefined;
  else if (last.endsWith('ieme')) lastValue = FR_ORDINAL_STEMS[last.slice(0, -4)];
  if (lastValue === undefined) return null;
  let total = 0;
  let previous = 0;
  for (const w of [...parts.slice(0, -1), '#']) {
    const v = w === '#' ? lastValue : FR_CARDINALS[w];
    if (v === undefined) return null;
    if (v === 100) total = (total || 1) * 100;
    else if (v === 20 && previous === 4) total += 76; // quatre-vingt: 4 already counted
    else total += v;
    previous = v;
  }
  return total > 0 ? total : null;
}

/** An English ordinal in words ("twenty-first", "one hundred and third"), or null. */
export function englishOrdinal(words: string): number | null {
  const parts = words.split(/[\s-]+/).filter((w) => w !== 'and' && w !== '');
  let total = 0;
  let i = 0;
  if ((parts[0] === 'one' || parts[0] === 'a') && parts[1] === 'hundred' && parts.length > 2) {
    total = 100;
    i = 2;
  } else if (parts[0] === 'hundred' && parts.length > 1) {
    total = 100;
    i = 1;
  }
  const rest = parts.slice(i);
  if (rest.length === 1) {
    const v = EN_UNITS[rest[0]!];
    return v === undefined ? null : total + v;
  }
  if (rest.length === 2) {
    const tens = EN_TENS[rest[0]!];
    const unit = EN_UNITS[rest[1]!];
    if (tens === undefined || unit === undefined || unit > 9) return null;
    return total + tens + unit;
  }
  return null;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
export function roman(text: string): number | null {
  const s = text.toLowerCase();
  if (!/^[ivxlc]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 400 ? total : null;
}

/**
 * "XXe", "IIIe", "Xᵉ": capitals then a lower-case suffix; a lone L or C with "e" is the word
 * "Le" or "Ce", not 50th or 100th.
 */
function romanOrdinal(original: string, letters: number): number | null {
  const numeral = original.slice(0, letters);
  if (!/^[IVXLC]+$/.test(numeral) || numeral === 'L' || numeral === 'C') return null;
  if (!/^ ?(?:e|ème|eme|ᵉ|er|ère|ieme|ième)$/u.test(original.slice(letters))) return null;
  return roman(numeral);
}

export interface OrdinalMention {
  value: number;
  span: Span;
}

const FR_CARDINAL_WORD = Object.keys(FR_CARDINALS).join('|');
const EN_TENS_WORD = Object.keys(EN_TENS).join('|');
const EN_UNIT_WORD = Object.keys(EN_UNITS).join('|');
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const FR_PATTERN = new RegExp(
  `${B}(?:(\\d{1,3}) ?(?:e|eme|ieme|er|ere|re)|([ivxlc]{1,7}) ?(?:e|eme|ieme|er|ere)|((?:(?:${FR_CARDINAL_WORD})(?:[- ]et)?[- ])*(?:premiere?|seconde?|\\p{L}{2,9}ieme)))${E}`,
  'gu',
);
const EN_PATTERN = new RegExp(
  `${B}(?:(\\d{1,3})(?:st|nd|rd|th)|((?:(?:one|a) hundred (?:and )?)?(?:(?:${EN_TENS_WORD})[- ]?)?(?:${EN_UNIT_WORD})))${E}`,
  'gu',
);

/**
 * Ordinals in a folded stretch of text (offsets relative to it). `original` is the same
 * stretch unfolded: Roman numerals count only when written in capitals ("XXe", not "xe").
 */
export function findOrdinals(folded: string, original: string, lang: IntakeLanguage): OrdinalMention[] {
  const out: OrdinalMention[] = [];
  const pattern = lang === 'fr' ? FR_PATTERN : EN_PATTERN;
  pattern.lastIndex = 0;
  for (const m of folded.matchAll(pattern)) {
    let value: number | null = null;
    if (m[1] !== undefined) value = Number(m[1]);
    else if (lang === 'fr' && m[2] !== undefined) value = romanOrdinal(original.slice(m.index, m.index + m[0].length), m[2].length);
    else {
      const words = lang === 'fr' ? m[3] : m[2];
      if (words !== undefined) value = lang === 'fr' ? frenchOrdinal(words) : englishOrdinal(words);
    }
    if (value !== null && value > 0) out.push({ value, span: [m.index, m.index + m[0].length] });
  }
  return out;
}

/** Nouns a round goes by. */
const FR_ROUND_NOUN = /^(?:cycle|cycles|session|sessions|reunion|round|tour|edition|consultation|consultations|dialogue|sommet|conference|rencontre|seance|pourparlers|entretiens|concertation|commission|forum|mecanisme)$/;
const EN_ROUND_NOUN = /^(?:round|rounds|session|sessions|meeting|consultation|consultations|dialogue|summit|conference|edition|talks|iteration|plenary|forum|commission)$/;
/** Words that make an ordinal something else than a round: anniversaries, years, times. */
const NOT_ROUND = /^(?:anniversaire|anniversary|annee|year|ans|years|fois|time|times|place|partie|part|etape|step|phase|plan|ministre|minister|vice|secretaire|secretary|quart|quarter|siecle|century|semestre|trimestre)$/;

export interface RoundMention extends OrdinalMention {
  /** The ordinal with its noun: "20e cycle". */
  span: Span;
  ordinal: Span;
  /** Where the noun ends: the mechanism's name may follow. */
  nounEnd: number;
  noun: string;
}

/** Ordinals followed within a few words by a meeting noun; offsets relative to `folded`. */
export function findRoundOrdinals(folded: string, original: string, lang: IntakeLanguage): RoundMention[] {
  const out: RoundMention[] = [];
  const nouns = lang === 'fr' ? FR_ROUND_NOUN : EN_ROUND_NOUN;
  for (const o of findOrdinals(folded, original, lang)) {
    // Dots of abbreviations ("U.S.-India") are no punctuation here; the length stays the same.
    const after = folded.slice(o.span[1], o.span[1] + 90).replace(/(?<![\p{L}])(\p{L})\.(?=[\p{L}-])/gu, '$1 ');
    const words = after.matchAll(/[\p{L}\p{N}+]+|[^\p{L}\p{N}+\s'-]/gu);
    let count = 0;
    for (const w of words) {
      const word = w[0];
      if (!/[\p{L}\p{N}]/u.test(word)) break; // punctuation ends the noun phrase
      if (NOT_ROUND.test(word)) break;
      if (nouns.test(word)) {
        const end = o.span[1] + w.index + word.length;
        out.push({ value: o.value, span: [o.span[0], end], ordinal: o.span, nounEnd: end, noun: word });
        break;
      }
      if (++count > 9) break;
    }
  }
  return out;
}

const EN_CARDINALS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** A number in figures or words ("30", "vingt", "vingt-cinq", "soixante-dix", "twenty-five"), or null. */
export function cardinal(words: string, lang: IntakeLanguage): number | null {
  const w = words.trim();
  if (/^\d{1,3}$/.test(w)) return Number(w);
  const parts = w.split(/[\s-]+/).filter((x) => x !== 'et' && x !== 'and' && x !== '');
  if (parts.length === 0) return null;
  const table = lang === 'fr' ? FR_CARDINALS : EN_CARDINALS;
  let total = 0;
  let previous = 0;
  for (const p of parts) {
    const v = table[p];
    if (v === undefined) return null;
    if (v === 100) total = (total || 1) * 100;
    else if (lang === 'fr' && v === 20 && previous === 4) total += 76;
    else total += v;
    previous = v;
  }
  return total > 0 ? total : null;
}

/** A pattern for numbers in words of a language, for building larger patterns. */
export function cardinalWords(lang: IntakeLanguage): string {
  const words = Object.keys(lang === 'fr' ? FR_CARDINALS : EN_CARDINALS).join('|');
  return `(?:(?:${words})(?:[- ](?:et|and)[- ]|[- ]))*(?:${words})`;
}
