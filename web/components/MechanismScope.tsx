import { createContext, useContext, useMemo } from 'react';
import { Outlet, useParams } from 'react-router';
import { overviewRead } from '../api/reads.ts';
import type { Mechanism, Round } from '../api/types.ts';
import { useRead } from '../api/use-api-data.ts';
import { Async } from './Async.tsx';
import { RecordContextValue, useRecordContext } from './record-context.tsx';
import { Shell } from './Shell.tsx';

interface MechanismState {
  mechanism: Mechanism;
  /** Its rounds as the reader may see them, by number. */
  rounds: Round[];
}

const MechanismContext = createContext<MechanismState | null>(null);

/** The pages of one mechanism (/m/:mechanismId/…): its overview loaded once, its languages for record texts. */
export function MechanismScope() {
  const { mechanismId = '' } = useParams();
  const overview = useRead(overviewRead(mechanismId));
  const parent = useRecordContext();
  const data = overview.data;
  const records = useMemo(() => ({ ...parent, languages: data?.mechanism.languages ?? [] }), [parent, data]);
  if (!data) {
    return (
      <Shell>
        <Async loaded={overview}>{() => null}</Async>
      </Shell>
    );
  }
  return (
    <MechanismContext value={data}>
      <RecordContextValue value={records}>
        <Shell mechanism={data.mechanism}>
          <Outlet />
        </Shell>
      </RecordContextValue>
    </MechanismContext>
  );
}

export function useMechanism(): MechanismState {
  const state = useContext(MechanismContext);
  if (!state) throw new Error('useMechanism outside MechanismScope');
  return state;
}
