import { invalid } from '../../http/problem.ts';
import type { RecordData, RuleContext } from './resource.ts';

/** Small rule helpers shared by the resources' write rules. */

export function partiesOf(mechanism: RecordData | undefined): string[] {
  return (mechanism?.parties as string[] | undefined) ?? [];
}

export function requireMechanismParty(ctx: RuleContext, field: string, code: unknown): void {
  if (typeof code !== 'string') return;
  if (!partiesOf(ctx.mechanism).includes(code)) {
    throw invalid(field, `party "${code}" is not a party of this mechanism`);
  }
}

/** Each value once; `key` names the property of list items the values come from. */
export function requireUnique(field: string, values: readonly string[], key?: string): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) throw invalid(`${field}.${i}${key ? `.${key}` : ''}`, `"${v}" appears twice`);
    seen.add(v);
  });
}

export function requireExactlyOne(rec: RecordData, a: string, b: string): void {
  const has = (k: string) => rec[k] !== null && rec[k] !== undefined;
  if (has(a) === has(b)) throw invalid(a, `give either ${a} or ${b}, not both and not neither`);
}

export function requireOrder(rec: RecordData, from: string, to: string): void {
  const f = rec[from];
  const t = rec[to];
  if (typeof f === 'string' && typeof t === 'string' && t < f.slice(0, t.length)) {
    throw invalid(to, `must not be before ${from}`);
  }
}
