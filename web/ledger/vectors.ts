/// <reference types="vite/client" />
/**
 * The shared test vectors (`@testdata`: ../shared/testdata, see vitest.config.ts), loaded through Vite's import.meta.glob so
 * that the workspace's tests need no Node API: transparency-dev/merkle's inclusion cases,
 * and reference.json (leaf inputs, roots by size, signed notes).
 */

export interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

export interface Reference {
  merkle: { leafInputsHex: string[]; rootsBySizeHex: string[] };
  signedNotes: Array<{ verifierKey: string; note: string; valid: boolean }>;
}

export const INCLUSION_VECTORS = import.meta.glob<InclusionVector>('@testdata/merkle/inclusion/**/*.json', { eager: true, import: 'default' });

const references = import.meta.glob<Reference>('@testdata/reference.json', { eager: true, import: 'default' });
export const REFERENCE: Reference = Object.values(references)[0]!;
