import type { Marking } from '../api/types.ts';
import { InclusionLine } from './InclusionLine.tsx';
import { logOfRecord } from './log-api.ts';

/** "In the log at index N — verified" for a record: its latest entry, in the log its marking selects. */
export function RecordInLog({ record, mechanismId }: { record: { id: string; marking: Marking; ownerParty: string; logIndex: number }; mechanismId: string }) {
  return (
    <div className="ledger-record">
      <InclusionLine log={logOfRecord(record, mechanismId)} index={record.logIndex} recordId={record.id} />
    </div>
  );
}
