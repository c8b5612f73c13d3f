import { MARKER, UUID, type Registry } from './fixtures.ts';
import type { Marking, Scope, Subject, Who, World } from './oracle.ts';

/**
 * Leak checks of an answer, for a principal:
 * - by token: no id and no marker text of a record the matrix made (or of the seed's
 *   internal notes) that the principal may not see appears anywhere in the text, except
 *   what the request itself named;
 * - by shape: every record in the answer (an object with id, marking and ownerParty, at any
 *   depth) is one the principal may see, by its own marking, owner and mechanism.
 */

export function tokenLeaks(text: string, who: Who, world: World, registry: Registry, named: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const re of [UUID, MARKER]) {
    for (const token of text.match(re) ?? []) {
      if (seen.has(token) || named.includes(token)) continue;
      seen.add(token);
      const rec = registry.byId.get(token) ?? registry.byMarker.get(token);
      if (rec && !world.canSee(who, rec)) out.push(`discloses ${token === rec.id ? 'the id' : 'the text'} of a ${rec.marking} ${rec.kind} of ${rec.ownerParty} (${token})`);
    }
  }
  return out;
}

/** The subject a record in an answer describes, from its own fields. */
export function subjectOf(o: Record<string, unknown>, kind?: string): Subject | undefined {
  if (typeof o.id !== 'string' || typeof o.marking !== 'string' || typeof o.ownerParty !== 'string') return undefined;
  let scope: Scope;
  if (kind === 'party' || kind === 'person') scope = 'directory';
  else if (kind === 'mechanism' || (kind === undefined && 'hostRotation' in o)) scope = 'root';
  else if (typeof o.mechanismId === 'string') scope = 'mechanism';
  else if (kind === undefined && ('workingLanguages' in o || 'titles' in o)) scope = 'directory';
  else throw new Error(`a record of unknown shape: ${JSON.stringify(o).slice(0, 200)}`);
  return {
    id: o.id,
    scope,
    mechanismId: scope === 'root' ? o.id : scope === 'mechanism' ? String(o.mechanismId) : null,
    ownerParty: o.ownerParty,
    marking: o.marking as Marking,
  };
}

export function shapeLeaks(json: unknown, who: Who, world: World, exemptTop: boolean): string[] {
  const out: string[] = [];
  const walk = (v: unknown, top: boolean): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, false);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const s = subjectOf(o);
    if (s && !(top && exemptTop) && !world.canSee(who, s)) out.push(`returns a ${s.marking} record of ${s.ownerParty} (${s.id}) it may not see`);
    for (const x of Object.values(o)) walk(x, false);
  };
  walk(json, true);
  return out;
}
