import { CONFIDENCE } from './confidence.ts';
import type { Doc, Sentence } from './doc.ts';
import type { ConsensusValue, Item } from './draft.ts';
import type { People } from './people.ts';
import { trimSpan, type Span } from './text.ts';

/**
 * The leaders' consensus a round implements: "le consensus clé atteint par le président Xi
 * Jinping et le président Vladimir Poutine", "the important consensus reached by the two
 * heads of state". The leaders are the people named after "par"/"by"/"entre"/"between", up to
 * the end of the clause ("lors de …", "during …").
 */

const FR =
  /(?<![\p{L}])(?:(?:le|les|l'|ce|ces|du|des|au|aux)\s+)?(?:(?:important|importants|nouveau|nouveaux)\s+)?consensus\s+(?:(?:cle|cles|important|importants|strategique|strategiques|politique|commun|fondamental)\s+)?(?:(?:atteints?|conclus?|degages?|obtenus?|etablis?|forges?|trouves?)\s+(?:par|entre)|auxquels? (?:sont|est) parvenus?)\s+/gu;
const EN =
  /(?<![\p{L}])(?:(?:the|this|that)\s+)?(?:(?:important|key|strategic|political|broad|common|new)\s+)*(?:consensus|understandings?)\s+(?:(?:reached|achieved|forged|agreed)\s+(?:by|between)|the (?:two )?(?:leaders|heads of state|presidents) (?:reached|achieved))\s*/gu;
const CLAUSE_END = /[,;:.]|\s(?:lors|pendant|au cours|durant|a l'occasion|en\s(?!\p{Lu})|pour|afin|during|at|in|on|when|while|last|earlier|to)\s/u;

export function consensusIn(doc: Doc, s: Sentence, people: People): Item<ConsensusValue>[] {
  const folded = doc.folded.slice(s.start, s.end);
  const pattern = s.lang === 'fr' ? FR : EN;
  pattern.lastIndex = 0;
  const out: Item<ConsensusValue>[] = [];
  for (const m of folded.matchAll(pattern)) {
    const start = s.start + m.index;
    const clauseFrom = start + m[0].length;
    const rest = doc.folded.slice(clauseFrom, s.end);
    // The clause may hold "et"/"and" between leaders: stop only at a clause mark.
    const stop = rest.search(CLAUSE_END);
    let end = stop >= 0 ? clauseFrom + stop : s.end;
    const leaders = people.inSentence(s).filter((p) => p.span[0] >= clauseFrom && p.span[1] <= end);
    if (leaders.length > 0) end = Math.max(...leaders.map((p) => p.span[1]));
    const span: Span = trimSpan(doc.text, start, end, /[\s,;:.]/u);
    if (span[1] <= span[0]) continue;
    out.push({
      value: { text: doc.text.slice(span[0], span[1]), leaders: leaders.map((p) => p.fullName) },
      confidence: leaders.length > 0 ? (leaders.every((p) => p.personId !== undefined) ? CONFIDENCE.explicit : CONFIDENCE.pattern) : CONFIDENCE.inferred,
      span,
    });
  }
  return out;
}
