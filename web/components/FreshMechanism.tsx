import { useMemo, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { entente } from '../api/entente.ts';
import type { Mechanism } from '../api/types.ts';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from './Async.tsx';
import { RecordContextValue, useRecordContext } from './record-context.tsx';
import { Shell } from './Shell.tsx';

/**
 * A page of /m/:mechanismId/ that reads its mechanism afresh when it mounts (the editors, the
 * intake), outside the mechanism pages' scope: after a save, those pages mount again and show
 * the change. Shows the shell while it loads; then `children` with the mechanism, its
 * languages given to record texts.
 */
export function FreshMechanism({ readKey, children }: { readKey: string; children: (mechanism: Mechanism) => ReactNode }) {
  const { mechanismId = '' } = useParams();
  const overview = useApiData(`${readKey}:${mechanismId}`, (signal) => entente.overview(mechanismId, signal));
  const parent = useRecordContext();
  const mechanism = overview.data?.mechanism;
  const records = useMemo(() => ({ ...parent, languages: mechanism?.languages ?? [] }), [parent, mechanism]);
  if (!mechanism) {
    return (
      <Shell>
        <Async loaded={overview}>{() => null}</Async>
      </Shell>
    );
  }
  return (
    <RecordContextValue value={records}>
      <Shell mechanism={mechanism}>{children(mechanism)}</Shell>
    </RecordContextValue>
  );
}
