import { CONFIDENCE } from './confidence.ts';
import type { Doc, Sentence } from './doc.ts';
import type { CommitmentValue, Item } from './draft.ts';
import type { Parties } from './parties.ts';
import type { People } from './people.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * What the sides agreed to do: "les deux côtés ont convenu de X, d'Y et de Z", "sont convenues
 * de", "se sont engagés à", "agreed to X, to Y and to Z", "pledged to", and a bulleted list
 * after "agreed to:". One commitment per infinitive clause; the parties are the subject's
 * ("both sides", "les deux parties", "they": all of the meeting's).
 */

const FR_TRIGGER =
  /(?<![\p{L}])(?:(?:ont|sont|se sont|s'est|a|se)\s+(?:(?:egalement|aussi|en outre|par ailleurs|enfin|notamment|en particulier|d'ailleurs|aussi|mutuellement|conjointement)\s+)?(?:convenu|convenus|convenues|decide|decides|decidees|resolu|resolus|accepte|acceptes|engage|engages|engagee|engagees|promis|entendus?)|conviennent|decident|s'engagent|s'engage)\s*(?:de\s+|d'|a\s+)/gu;
const EN_TRIGGER =
  /(?<![\p{L}])(?:(?:have|has|had)\s+)?(?:(?:also|further|jointly|both|then|formally)\s+)?(?:agreed|decided|pledged|committed(?:\s+themselves)?|undertook|vowed|resolved|promised|agree|decide|pledge|commit)\s+to(?:\s+|\s*:)/gu;
const ALL_SIDES =
  /(?<![\p{L}])(?:les deux|both|two sides|the sides|les parties|the parties|ils|elles|they|the ministers|les ministres|the delegations|les delegations|co-?chairs|copresidents|leaders|dirigeants|we|nous|the two|the participants|les participants)(?![\p{L}])/u;

/** Verbs that start an English clause without "to" ("…, expand Y and work Z"). */
const EN_VERBS =
  'strengthen|deepen|expand|enhance|promote|work|continue|maintain|hold|step up|boost|advance|implement|support|coordinate|cooperate|explore|establish|intensify|increase|keep|make|build|consolidate|safeguard|uphold|oppose|respect|facilitate|improve|develop|reinforce|pursue|seek|address|combat|counter|fight|tackle|ensure|protect|defend|foster|encourage|conduct|carry out|launch|resume|set up|create|share|exchange|accelerate|expedite|elevate|upgrade|broaden|meet|convene|review|finalize|finalise|sign|complete|open|reduce|prevent|refrain|resolve|manage|contribute|provide|offer|bolster|align|deliver|achieve|harness|leverage|unlock|enable|push|drive|consult|engage|stay|remain|stand|join|participate|bring|take|modernize|modernise|organize|organise|prepare|study|examine|jointly|further|step';

const FR_SPLIT = /(?:\s*,\s*(?:et\s+|ainsi que\s+|puis\s+)?|\s+et\s+|\s+ainsi que\s+)(?:de\s+|d'|a\s+)(?=(?:se\s+|s'|ne\s+|y\s+)?\p{L}+(?:er|ir|re|oir)(?![\p{L}]))/gu;
const EN_SPLIT_TO = /(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+)to\s+(?=\p{L})/gu;
const EN_SPLIT_BARE = new RegExp(`(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)(?=(?:${EN_VERBS})(?![\\p{L}]))`, 'gu');
const BULLET = /^\s*(?:[-•*–—▪·]|\d{1,2}[.)])\s*/u;

export interface CommitmentOptions {
  parties: string[];
  people: People;
  partyIndex: Parties;
}

export function commitmentsIn(doc: Doc, s: Sentence, opts: CommitmentOptions): Item<CommitmentValue>[] {
  // A headline ("La Chine et la Russie s'engagent à …") announces what the body says.
  if (s.heading) return [];
  const folded = doc.folded.slice(s.start, s.end);
  const trigger = s.lang === 'fr' ? FR_TRIGGER : EN_TRIGGER;
  trigger.lastIndex = 0;
  let m = trigger.exec(folded);
  // "remains committed to dialogue", "est engagé à": a state, not an undertaking.
  while (m && /(?:remains?|remained|is|are|was|were|stays?|reste|restent|demeure|demeurent|est|etait)\s+$/u.test(folded.slice(0, m.index))) m = trigger.exec(folded);
  if (!m) return [];
  const bodyStart = s.start + m.index + m[0].length;
  const subject: Span = [clauseStart(doc, s, s.start + m.index), s.start + m.index];
  const parties = partiesOf(doc, s, subject, opts);
  const confidence = parties.sure ? CONFIDENCE.explicit : CONFIDENCE.pattern;
  const bodyEnd = clauseEnd(doc, bodyStart, s.end);
  const clauses: Span[] = [];
  if (/^\s*:?\s*$/.test(doc.folded.slice(bodyStart, bodyEnd))) {
    // "agreed to:" and a bulleted list.
    for (const next of doc.sentences.slice(s.index + 1, s.index + 30)) {
      const b = BULLET.exec(doc.folded.slice(next.start, next.end));
      if (!b) break;
      clauses.push([next.start + b[0].length, next.end]);
    }
  } else {
    let start = bodyStart;
    const body = doc.folded.slice(bodyStart, bodyEnd);
    // Every clause boundary: "…, de Y et de Z"; "…, to Y and to Z"; "…, expand Y and work Z".
    const cuts = (s.lang === 'fr' ? [FR_SPLIT] : [EN_SPLIT_TO, EN_SPLIT_BARE])
      .flatMap((split) => [...body.matchAll(split)].map((x) => [x.index, x.index + x[0].length] as const))
      .sort((a, b) => a[0] - b[0]);
    for (const [cutStart, cutEnd] of cuts) {
      if (bodyStart + cutStart < start) continue;
      clauses.push([start, bodyStart + cutStart]);
      start = bodyStart + cutEnd;
    }
    clauses.push([start, bodyEnd]);
  }
  const out: Item<CommitmentValue>[] = [];
  for (const c of clauses) {
    const span = trimSpan(doc.text, c[0], c[1], /[\s,;:.]/u);
    if (span[1] - span[0] < 3) continue;
    out.push({ value: { text: doc.text.slice(span[0], span[1]), parties: parties.codes }, confidence, span });
  }
  return out;
}

/** Where the subject's clause begins: after the last ";", ":" or opening phrase comma. */
function clauseStart(doc: Doc, s: Sentence, at: number): number {
  const before = doc.folded.slice(s.start, at);
  const cut = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'));
  return cut >= 0 ? s.start + cut + 1 : s.start;
}

function clauseEnd(doc: Doc, from: number, to: number): number {
  const rest = doc.folded.slice(from, to);
  const stop = rest.search(/;|\.\s|\.$/u);
  return stop >= 0 ? from + stop : to;
}

function partiesOf(doc: Doc, s: Sentence, subject: Span, opts: CommitmentOptions): { codes: string[]; sure: boolean } {
  const text = doc.folded.slice(subject[0], subject[1]);
  if (ALL_SIDES.test(text)) return { codes: [...opts.parties], sure: true };
  const codes = new Set<string>();
  for (const m of opts.partyIndex.mentions(s)) if (m.span[0] >= subject[0] && m.span[1] <= subject[1]) codes.add(m.code);
  for (const p of opts.people.inSentence(s)) if (p.span[0] >= subject[0] && p.span[1] <= subject[1] && p.party) codes.add(p.party);
  if (codes.size > 0) return { codes: [...codes], sure: true };
  return { codes: [...opts.parties], sure: false };
}
