import { phraseTokens, type Span, type Token } from './text.ts';

/**
 * Phrases looked up token by token (countries, cities, demonyms, known names): each lookup
 * costs a map access per token, whatever the number of phrases, where one regular expression
 * with thousands of alternatives would try them all at every position.
 */

/** The text as lexicons read it. */
export interface TokenText {
  text: string;
  folded: string;
  tokens: Token[];
}

/**
 * How a phrase must appear: `any` case; `capitalized` (a proper noun: its first letter upper
 * case, so that "turkey" or "chad" in running text are not countries); `exact` (upper and lower
 * case as given, for acronyms like "US" that are also words).
 */
export type Form = 'any' | 'capitalized' | 'exact';

export interface LexEntry<T> {
  phrase: string;
  tokens: string[];
  value: T;
  form: Form;
  /** Letters of the phrase as written, for `exact`. */
  letters: string;
}

export interface LexMatch<T> {
  /** Token indices [first, last). */
  first: number;
  last: number;
  span: Span;
  entry: LexEntry<T>;
}

const lettersOf = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');

/** Between two tokens of one phrase: a space, a hyphen, an apostrophe or a dot. */
function joined(folded: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  if (gap > 3) return false;
  for (let i = a.end; i < b.start; i++) {
    const c = folded[i]!;
    if (c !== ' ' && c !== '-' && c !== "'" && c !== '.' && c !== '\n' && c !== '\r' && c !== '\t') return false;
  }
  return true;
}

export class Lexicon<T> {
  private readonly byFirst = new Map<string, LexEntry<T>[]>();

  add(phrase: string, value: T, form: Form = 'any'): void {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) return;
    const entry: LexEntry<T> = { phrase, tokens, value, form, letters: lettersOf(phrase) };
    const list = this.byFirst.get(tokens[0]!);
    if (!list) this.byFirst.set(tokens[0]!, [entry]);
    else if (!list.some((e) => e.tokens.join(' ') === entry.tokens.join(' ') && e.form === form)) list.push(entry);
  }

  /** The longest entry starting at token `i` (not reaching `limit`), or null. */
  matchAt(doc: TokenText, i: number, limit = doc.tokens.length): LexMatch<T> | null {
    const first = doc.tokens[i];
    if (!first) return null;
    const candidates = this.byFirst.get(first.norm);
    if (!candidates) return null;
    let best: LexMatch<T> | null = null;
    for (const entry of candidates) {
      const n = entry.tokens.length;
      if (i + n > limit) continue;
      if (best && n <= best.last - best.first) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) {
        const t = doc.tokens[i + k]!;
        ok = t.norm === entry.tokens[k] && joined(doc.folded, doc.tokens[i + k - 1]!, t);
      }
      if (!ok) continue;
      const span: Span = [first.start, doc.tokens[i + n - 1]!.end];
      if (entry.form === 'capitalized' && !/\p{Lu}/u.test(doc.text[span[0]]!)) continue;
      if (entry.form === 'exact' && lettersOf(doc.text.slice(span[0], span[1])) !== entry.letters) continue;
      best = { first: i, last: i + n, span, entry };
    }
    return best;
  }

  /** Longest non-overlapping matches in tokens [from, to), left to right. */
  matchAll(doc: TokenText, from = 0, to = doc.tokens.length): LexMatch<T>[] {
    const out: LexMatch<T>[] = [];
    for (let i = from; i < to; i++) {
      const m = this.matchAt(doc, i, to);
      if (m) {
        out.push(m);
        i = m.last - 1;
      }
    }
    return out;
  }
}

/** The index of the first token starting at or after `offset` (tokens are sorted). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
