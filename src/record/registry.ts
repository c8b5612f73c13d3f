import type { ResourceDef } from './common/resource.ts';
import { parties } from './parties/schema.ts';
import { people } from './people/schema.ts';
import { mechanisms } from './mechanisms/schema.ts';
import { rounds } from './rounds/schema.ts';
import { agendaItems } from './agenda/schema.ts';
import { events } from './events/schema.ts';
import { consensusItems } from './consensus/schema.ts';
import { statements } from './statements/schema.ts';
import { assessments, commitments, evidence } from './commitments/schema.ts';
import { positions, supports } from './positions/schema.ts';
import { milestones } from './milestones/schema.ts';
import { agreements } from './agreements/schema.ts';
import { amendments } from './amendments/schema.ts';
import { communiques } from './communiques/schema.ts';

/** Every record kind, in an order where references point backwards (import relies on it). */
export const RESOURCES: readonly ResourceDef[] = [
  parties,
  people,
  mechanisms,
  events,
  consensusItems,
  rounds,
  agendaItems,
  agreements,
  statements,
  commitments,
  evidence,
  assessments,
  positions,
  supports,
  milestones,
  amendments,
  communiques,
];

const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));

export function resource(kind: string): ResourceDef {
  const def = byKind.get(kind);
  if (!def) throw new Error(`unknown record kind ${kind}`);
  return def;
}
