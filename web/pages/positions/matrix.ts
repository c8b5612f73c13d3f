import type { Text } from '../../api/types.ts';
import type { Position, PositionsMatrixData } from '../commitments/api.ts';

/**
 * The positions matrix: issues × parties × rounds. Each issue is a group of rows: first the
 * stated positions (the holders' stances), then one row per round (or event) at which a
 * party voiced support, in round order; each row has one cell per party, holding what that
 * party said there and where. Positions held by several parties on the same issue (the same
 * text in the same languages) share one group.
 */

/** Where a row's wordings were said. */
export type Source =
  | { kind: 'stance' }
  | { kind: 'round'; roundId: string; number: number }
  /** A round the reader may not see (a support can be shared while its round is not). */
  | { kind: 'hidden-round'; roundId: string }
  | { kind: 'event'; eventId: string };

export type Entry =
  | { kind: 'stance'; position: Position }
  | { kind: 'support'; supportId: string; wording: Text; position: Position };

export interface MatrixRow {
  source: Source;
  /** Party code → what it said at this source (usually one entry; several when it backs several positions). */
  cells: Record<string, Entry[]>;
}

export interface IssueGroup {
  key: string;
  issue: Text;
  positions: Position[];
  rows: MatrixRow[];
}

export interface Matrix {
  parties: string[];
  issues: IssueGroup[];
}

/** Two issue texts name the same issue when they say the same in the same languages (case and spacing aside). */
export function issueKey(issue: Text): string {
  return JSON.stringify(
    Object.entries(issue)
      .map(([lang, s]) => [lang.toLowerCase(), s.trim().replace(/\s+/g, ' ').toLowerCase()])
      .filter(([, s]) => s)
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)),
  );
}

const sourceKey = (s: Source) => (s.kind === 'stance' ? 'stance' : s.kind === 'event' ? `e:${s.eventId}` : `r:${s.roundId}`);
/** Stances first, then rounds by number, then rounds not visible, then events (by id: UUIDv7, in the order recorded). */
const sourceOrder = (s: Source): [number, number | string] =>
  s.kind === 'stance' ? [0, 0] : s.kind === 'round' ? [1, s.number] : s.kind === 'hidden-round' ? [2, s.roundId] : [3, s.eventId];

function compareSources(a: Source, b: Source): number {
  const [ka, va] = sourceOrder(a);
  const [kb, vb] = sourceOrder(b);
  if (ka !== kb) return ka - kb;
  return typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va) < String(vb) ? -1 : String(va) > String(vb) ? 1 : 0;
}

export function buildMatrix(data: PositionsMatrixData): Matrix {
  const roundNumber = new Map(data.rounds.map((r) => [r.id, r.number]));
  const groups = new Map<string, IssueGroup & { byKey: Map<string, MatrixRow> }>();
  const parties = [...data.parties];

  const rowOf = (group: IssueGroup & { byKey: Map<string, MatrixRow> }, source: Source): MatrixRow => {
    const key = sourceKey(source);
    let row = group.byKey.get(key);
    if (!row) {
      row = { source, cells: {} };
      group.byKey.set(key, row);
    }
    return row;
  };
  const add = (row: MatrixRow, party: string, entry: Entry) => {
    if (!parties.includes(party)) parties.push(party);
    (row.cells[party] ??= []).push(entry);
  };

  for (const { position, cells } of data.rows) {
    const key = issueKey(position.issue);
    let group = groups.get(key);
    if (!group) {
      group = { key, issue: position.issue, positions: [], rows: [], byKey: new Map() };
      groups.set(key, group);
    }
    group.positions.push(position);
    add(rowOf(group, { kind: 'stance' }), position.holderParty, { kind: 'stance', position });
    for (const cell of cells) {
      const number = cell.roundId ? roundNumber.get(cell.roundId) : undefined;
      const source: Source = cell.roundId
        ? number !== undefined
          ? { kind: 'round', roundId: cell.roundId, number }
          : { kind: 'hidden-round', roundId: cell.roundId }
        : { kind: 'event', eventId: cell.eventId ?? '' };
      add(rowOf(group, source), cell.party, { kind: 'support', supportId: cell.supportId, wording: cell.wording, position });
    }
  }

  return {
    parties,
    issues: [...groups.values()].map(({ byKey, ...group }) => ({ ...group, rows: [...byKey.values()].sort((a, b) => compareSources(a.source, b.source)) })),
  };
}
