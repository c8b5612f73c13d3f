import type { IntakeDraft, Item } from '../intake/draft.ts';

/**
 * The draft for a person at a terminal, on about one screen: a line per field or item with
 * its value, its confidence and a short excerpt of the text it comes from.
 */

const LABEL = 12;
const EXCERPT = 48;

export function formatDraft(draft: IntakeDraft, text: string, opts: { file: string; matched: boolean }): string {
  const lines: string[] = [];
  const excerpt = (span: [number, number]) => {
    const s = text.slice(span[0], span[1]).replace(/\s+/g, ' ').trim();
    return s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1)}…` : s;
  };
  const row = (label: string, value: string, item: Item<unknown> | null) => {
    const head = `${label.padEnd(LABEL)} ${value}`;
    lines.push(item ? `${head}  ${confidence(item.confidence)}  “${excerpt(item.span)}”` : head);
  };
  const list = <T>(label: string, items: Item<T>[], show: (v: T) => string) => {
    if (items.length === 0) {
      row(label, '—', null);
      return;
    }
    items.forEach((item, i) => row(i === 0 ? label : '', show(item.value), item));
  };

  lines.push(`Draft of ${opts.file} (${draft.language}), ${opts.matched ? 'names matched against the local database' : 'no database: no names matched'}`, '');
  const m = draft.mechanism;
  row('mechanism', m ? `${m.value.name}${m.value.id ? ' (known)' : ' (new)'}${m.value.parties.length ? ` — ${m.value.parties.join(', ')}` : ''}${m.value.established ? `, since ${m.value.established}` : ''}` : '—', m);
  row('round', draft.round ? String(draft.round.value) : '—', draft.round);
  row('date', draft.date?.value ?? '—', draft.date);
  row('place', draft.place?.value ?? '—', draft.place);
  list('parties', draft.parties, (v) => `${v.name}${v.code ? ` (${v.code})` : ''}${v.isNew ? ' (new)' : ''}`);
  list('co-chairs', draft.coChairs, (v) => `${v.name}${v.title ? `, ${v.title}` : ''}${v.party ? ` (${v.party})` : ''}${v.personId ? ' (known)' : ''}`);
  list('statements', draft.statements, (v) => `${v.speaker ?? 'joint'} [${v.kind}, ${v.form}]: ${short(v.text)}`);
  list('commitments', draft.commitments, (v) => `${short(v.text)} (${v.parties.join(', ')})`);
  list('consensus', draft.consensus, (v) => `${short(v.text)}${v.leaders.length ? ` (${v.leaders.join(', ')})` : ''}`);
  list('positions', draft.positions, (v) => `${v.issue}: ${v.supporter ? `${v.supporter} supports ` : ''}${v.holder ?? '?'}'s position`);
  list('milestones', draft.milestones, (v) => `${v.year} ${v.event}${v.anniversary ? ` (${v.anniversary} years)` : ''}`);
  list('events', draft.events, (v) => `${v.date ?? 'undated'} ${v.kind}: ${v.title}${v.place ? `, ${v.place}` : ''}`);
  if (draft.notes.length > 0) lines.push('', 'Notes:', ...draft.notes.map((n) => `  - ${n}`));
  return `${lines.join('\n')}\n`;
}

function confidence(c: number): string {
  return `${Math.round(c * 100)}%`.padStart(4);
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
