import type { RecordData } from '../common/resource.ts';

export interface Anniversary {
  milestone: RecordData;
  years: number;
  /** The anniversary's date, with the milestone's own precision. */
  date: string;
}

/** Milestones whose anniversary (every `step` years) falls in `year`. */
export function anniversariesIn(milestones: RecordData[], year: number): Anniversary[] {
  const out: Anniversary[] = [];
  for (const m of milestones) {
    const date = String(m.date);
    const years = year - Number(date.slice(0, 4));
    const step = Number(m.step);
    if (years > 0 && years % step === 0) out.push({ milestone: m, years, date: `${year}${date.slice(4)}` });
  }
  return out;
}
