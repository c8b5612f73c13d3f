import { CONFIDENCE, clamp } from './confidence.ts';
import type { Doc, Sentence } from './doc.ts';
import type { Item, PersonValue } from './draft.ts';
import type { People, PersonMention } from './people.ts';
import type { Span } from './text.ts';

/**
 * The co-chairs: the people of the sentence that says who chaired ("ont coprésidé", "sous la
 * coprésidence de", "co-chaired by", "was headed by … and the Russian delegation by …"), else
 * the titled people of the meeting sentence. Leaders named in the same sentence as the authors
 * of a consensus are not co-chairs. A co-chair whose party the text does not give next to the
 * name takes it from a colleague named with them ("X and Y of India"), or by elimination when
 * the other co-chairs hold all but one of the meeting's parties.
 */

const CO_CHAIR =
  /(?<![\p{L}])(?:copresid|co-presid|co-?chair|jointly chaired|chaired jointly|chaired by|presided over|led by|headed by|conduite?s? par|dirigee?s? par|ont dirige|a la tete|presidee?s? conjointement|sous la presidence|co-hosted|cohosted)/u;
/** How far after the meeting sentence a co-chair sentence is looked for. */
const AFTER_MEETING = 2;

export function coChairSentences(doc: Doc, meeting: Sentence): Sentence[] {
  const out: Sentence[] = [];
  for (const s of doc.sentences) {
    if (s.index < meeting.index) continue;
    if (s.index > meeting.index + AFTER_MEETING) break;
    if (CO_CHAIR.test(doc.folded.slice(s.start, s.end))) out.push(s);
  }
  return out;
}

const sameNameAs = (a: PersonMention, b: PersonMention): boolean => {
  if (a.personId !== undefined && a.personId === b.personId) return true;
  const fa = a.fullName.toLowerCase();
  const fb = b.fullName.toLowerCase();
  return fa === fb || fa.endsWith(` ${fb}`) || fb.endsWith(` ${fa}`);
};

export interface CoChairs {
  mentions: PersonMention[];
  items: Item<PersonValue>[];
}

export function findCoChairs(doc: Doc, people: People, meeting: Sentence | null, leaderSpans: Span[], partyCodes: string[]): CoChairs {
  if (!meeting) return { mentions: [], items: [] };
  const inLeaders = (p: PersonMention) => leaderSpans.some((l) => p.span[0] >= l[0] && p.span[1] <= l[1]);
  let chosen: Array<{ p: PersonMention; weight: number }> = [];
  for (const s of coChairSentences(doc, meeting)) {
    for (const p of people.inSentence(s)) {
      if (inLeaders(p)) continue;
      if (p.evidence === 'bare' && p.last - p.first < 2) continue;
      chosen.push({ p, weight: 1 });
    }
  }
  if (chosen.length === 0) {
    for (const p of people.inSentence(meeting)) {
      if (inLeaders(p) || p.leader) continue;
      if (p.title !== null || p.personId !== undefined) chosen.push({ p, weight: 0.8 });
    }
  }
  // One item per person, at their first mention.
  chosen = chosen.filter((c, i) => chosen.findIndex((d) => sameNameAs(c.p, d.p)) === i);

  const parties: Array<string | null> = chosen.map((c) => c.p.party);
  const inferred = new Set<number>();
  // A colleague named with them: "A and B of India" (B's country scopes over both), "Japanese
  // Foreign Minister A and Defence Minister B" (A's demonym scopes over B's title too).
  for (let i = 0; i < chosen.length; i++) {
    if (parties[i] !== null) continue;
    const me = chosen[i]!.p;
    const next = chosen[i + 1]?.p;
    const previous = chosen[i - 1]?.p;
    const joined = (a: PersonMention, b: PersonMention) =>
      a.sentence === b.sentence && /^\s+(?:and|et)\s+$/u.test(doc.folded.slice(a.span[1], b.titleSpan && b.titleSpan[0] < b.span[0] ? b.titleSpan[0] : b.span[0]));
    if (next && next.partySource === 'after' && parties[i + 1] && joined(me, next)) parties[i] = parties[i + 1]!;
    else if (previous && (previous.partySource === 'title' || previous.partySource === 'before') && parties[i - 1] && me.title !== null && joined(previous, me)) parties[i] = parties[i - 1]!;
    else continue;
    inferred.add(i);
  }
  // By elimination: the one party no other co-chair holds.
  const held = new Set(parties.filter((p): p is string => p !== null));
  const free = partyCodes.filter((c) => !held.has(c));
  if (free.length === 1 && held.size >= 1) {
    for (let i = 0; i < parties.length; i++) {
      if (parties[i] === null) {
        parties[i] = free[0]!;
        inferred.add(i);
      }
    }
  }

  const items = chosen.map(({ p, weight }, i) => {
    const base =
      p.evidence === 'known' ? CONFIDENCE.known : p.evidence === 'known-part' ? CONFIDENCE.knownVariant : p.evidence === 'title' || p.evidence === 'appositive' || p.evidence === 'earlier' ? CONFIDENCE.pattern : CONFIDENCE.inferred;
    const value: PersonValue = {
      name: p.fullName,
      title: p.title,
      party: parties[i] ?? null,
      ...(p.personId !== undefined ? { personId: p.personId } : {}),
    };
    return { value, confidence: clamp(base * weight * (inferred.has(i) ? 0.9 : 1)), span: p.span };
  });
  return { mentions: chosen.map((c, i) => ({ ...c.p, party: parties[i] ?? null })), items };
}
