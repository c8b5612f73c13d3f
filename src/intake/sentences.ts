import type { Span } from './text.ts';

/**
 * Sentences with their offsets in the original text. Paragraph breaks always end a sentence;
 * a single line break ends one unless the paragraph looks hard-wrapped; a full stop ends one
 * unless it closes an abbreviation or an initial ("M. Wang", "U.S.", "J. Smith").
 */

export interface Segment {
  start: number;
  end: number;
}

/** Longer "sentences" (tables, garbage without punctuation) are cut, so that no pattern sees more. */
export const MAX_SENTENCE = 1500;

const ABBREVIATIONS = new Set([
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'st', 'ste', 'prof', 'gen', 'gén', 'col', 'lt', 'sgt', 'adm', 'amb', 'sen', 'rep', 'gov', 'pres', 'hon',
  'no', 'nos', 'n°', 'vol', 'art', 'cf', 'vs', 'etc', 'p', 'pp', 'al', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'dept', 'min', 'approx',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'janv', 'févr', 'fevr', 'avr', 'juil', 'déc',
  'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'e.u',
]);

/** Whether the full stop at `dot` closes an abbreviation or an initial. */
function abbreviationBefore(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.°]/u.test(text[s - 1]!)) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 0) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // An initial ("J.") or a dotted acronym ("U.S.", "R.P.C.").
  if (/^\p{Lu}$/u.test(text.slice(s, dot))) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

function hardWrapped(lines: string[]): boolean {
  if (lines.length < 3) return false;
  const long = lines.filter((l) => l.trim().length >= 45 && l.trim().length <= 110).length;
  return long >= lines.length * 0.6;
}

export function splitSentences(text: string, from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e <= s) return;
    // Cut over-long stretches at a space so that no pattern works on megabytes at once.
    while (e - s > MAX_SENTENCE) {
      let cut = text.lastIndexOf(' ', s + MAX_SENTENCE);
      if (cut <= s) cut = s + MAX_SENTENCE;
      out.push({ start: s, end: cut });
      s = cut;
      while (s < e && /\s/u.test(text[s]!)) s++;
    }
    if (e > s) out.push({ start: s, end: e });
  };

  // Paragraphs: separated by blank lines.
  const paragraphs: Span[] = [];
  const blank = /\n[ \t\r\f\v\u00a0]*\n\s*/g;
  let p = from;
  blank.lastIndex = from;
  for (let m = blank.exec(text); m !== null && m.index < to; m = blank.exec(text)) {
    paragraphs.push([p, m.index]);
    p = m.index + m[0].length;
  }
  if (p < to) paragraphs.push([p, to]);

  for (const [ps, pe] of paragraphs) {
    const body = text.slice(ps, pe);
    const lines = body.split('\n');
    const wrapped = hardWrapped(lines);
    let start = ps;
    // Line breaks that end a sentence.
    let offset = ps;
    for (let i = 0; i < lines.length - 1; i++) {
      const line = lines[i]!;
      const lineEnd = offset + line.length;
      const next = lines[i + 1]!.trimStart();
      const ended = /[.!?:;"»”]\s*$/u.test(line) || /^[-•*–—▪·]\s|^\d+[.)]\s/u.test(next) || !wrapped;
      if (ended && line.trim().length > 0) {
        splitOnStops(text, start, lineEnd, push);
        start = lineEnd + 1;
      }
      offset = lineEnd + 1;
    }
    splitOnStops(text, start, pe, push);
  }
  return out;
}

const STOP = /[.!?…]+["»”’')\]]*\s+(?=["«“'(]?[\p{Lu}\p{N}])/gu;

function splitOnStops(text: string, from: number, to: number, push: (s: number, e: number) => void): void {
  const chunk = text.slice(from, to);
  let start = 0;
  STOP.lastIndex = 0;
  for (let m = STOP.exec(chunk); m !== null; m = STOP.exec(chunk)) {
    const stopAt = m.index;
    if (chunk[stopAt] === '.' && abbreviationBefore(chunk, stopAt)) continue;
    const end = stopAt + m[0].trimEnd().length;
    push(from + start, from + end);
    start = stopAt + m[0].length;
  }
  push(from + start, to);
}
