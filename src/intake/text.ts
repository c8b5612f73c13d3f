/**
 * The text as the patterns see it. Every pattern runs on a *folded* copy of the text that has
 * exactly the same length, so that an offset found in the copy is an offset into the original:
 * lower case, accents dropped from Latin letters, typographic apostrophes, quotes, dashes and
 * spaces made plain. Tokens are runs of letters and digits, with their offsets.
 */

export type Span = [number, number];

export interface Token {
  start: number;
  end: number;
  /** The folded token without combining marks: what lexicons compare. */
  norm: string;
}

const FOLD_CACHE = new Map<number, string>();

const SPECIAL: Record<string, string> = {
  '\u2019': "'", // ’
  '\u2018': "'",
  '\u02BC': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\u00AB': '"', // «
  '\u00BB': '"',
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2013': '-', // –
  '\u2014': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u1D49': 'e', // ᵉ as in "20ᵉ"
  '\u1D3F': 'r',
};

function foldUnit(code: number, unit: string): string {
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : unit;
  const cached = FOLD_CACHE.get(code);
  if (cached !== undefined) return cached;
  let out = SPECIAL[unit];
  if (out === undefined) {
    const lower = unit.toLowerCase();
    out = lower.length === 1 ? lower : unit;
    const decomposed = out.normalize('NFD');
    // A Latin letter with marks folds to its base letter; anything else stays as it is.
    if (decomposed.length > 1 && decomposed.charCodeAt(0) < 0x250) out = decomposed[0]!;
  }
  FOLD_CACHE.set(code, out);
  return out;
}

/** Same length as `text`: folded[i] is text[i] folded. */
export function fold(text: string): string {
  const parts: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) parts[i] = foldUnit(text.charCodeAt(i), text[i]!);
  return parts.join('');
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

export function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    const raw = m[0];
    out.push({ start: m.index, end: m.index + raw.length, norm: /\p{M}/u.test(raw) ? raw.replace(MARKS, '') : raw });
  }
  return out;
}

/** The phrase's tokens as the text's would be: for lexicon entries. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(fold(phrase)).map((t) => t.norm);
}

/** Strips spaces and closing punctuation from both ends of a span. */
export function trimSpan(text: string, start: number, end: number, strip = /[\s,;:.]/u): Span {
  let s = start;
  let e = end;
  while (s < e && strip.test(text[s]!)) s++;
  while (e > s && strip.test(text[e - 1]!)) e--;
  return [s, e];
}

export const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);

/** The shares of control and replacement characters: high in binary data pasted as text. */
export function binaryShare(text: string): number {
  if (text.length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 0x7f) odd++;
  }
  return odd / text.length;
}
