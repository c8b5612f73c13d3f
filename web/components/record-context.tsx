import { createContext, useContext } from 'react';
import type { Party } from '../api/types.ts';

/**
 * What record texts are read against: the mechanism's own languages (the fallbacks after
 * English) and the parties' records (their names).
 */
export interface RecordContext {
  languages: readonly string[];
  parties: ReadonlyMap<string, Party>;
}

export const RecordContextValue = createContext<RecordContext>({ languages: [], parties: new Map() });

export function useRecordContext(): RecordContext {
  return useContext(RecordContextValue);
}
