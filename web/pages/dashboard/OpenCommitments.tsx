import { useIntl } from 'react-intl';
import { useRead } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { commitmentsRead } from './reads.ts';
import { tallyCommitments } from './summary.ts';

export function OpenCommitments({ mechanismId, parties }: { mechanismId: string; parties: readonly string[] }) {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const commitments = useRead(commitmentsRead(mechanismId));
  return (
    <Card title={t('dashboard.commitments')} wide>
      <Async loaded={commitments}>
        {(list) => {
          const tally = tallyCommitments(list, parties);
          return (
            <>
              {tally.rows.every((r) => r.total === 0) ? (
                <p className="muted">{t('dashboard.commitments.none')}</p>
              ) : (
                <table className="table table-numbers">
                  <caption className="visually-hidden">{t('dashboard.commitments.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.commitments.status')}</th>
                      {parties.map((p) => (
                        <th scope="col" key={p}>
                          {partyName(p)}
                        </th>
                      ))}
                      <th scope="col">{t('dashboard.commitments.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tally.rows.map((row) => (
                      <tr key={row.status}>
                        <th scope="row">
                          <StatusBadge kind="commitment" status={row.status} />
                        </th>
                        {parties.map((p) => (
                          <td key={p}>{intl.formatNumber(row.byParty[p] ?? 0)}</td>
                        ))}
                        <td>{intl.formatNumber(row.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="muted">{t('dashboard.commitments.closed', { done: tally.done, dropped: tally.dropped })}</p>
            </>
          );
        }}
      </Async>
    </Card>
  );
}
