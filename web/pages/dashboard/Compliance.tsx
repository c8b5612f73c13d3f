import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useRead } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { complianceByParty } from './compliance.ts';
import { agreedAssessmentsRead } from './reads.ts';

/** Compliance per party on the G7/G20 scale, from the agreed assessments (formula: ./compliance.ts). */
export function Compliance() {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const { mechanism, rounds } = useMechanism();
  const roundNumbers = useMemo(() => new Map(rounds.map((r) => [r.id, r.number])), [rounds]);
  const agreed = useRead(agreedAssessmentsRead(mechanism.id));
  return (
    <Card title={t('compliance.title')}>
      <Async loaded={agreed}>
        {(list) => {
          const rows = complianceByParty(list, mechanism.parties, roundNumbers);
          if (rows.every((r) => r.percent === null)) return <p className="muted">{t('compliance.none')}</p>;
          return (
            <>
              <table className="table table-numbers">
                <caption className="visually-hidden">{t('compliance.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compliance.party')}</th>
                    <th scope="col">{t('compliance.percent')}</th>
                    <th scope="col">{t('compliance.assessed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.party}>
                      <th scope="row">{partyName(r.party)}</th>
                      <td>
                        {r.percent === null ? (
                          <span className="muted">{t('compliance.notAssessed')}</span>
                        ) : (
                          intl.formatNumber(r.percent / 100, { style: 'percent', maximumFractionDigits: 1 })
                        )}
                      </td>
                      <td>{t('compliance.assessedCount', { total: r.assessed })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">{t('compliance.formula')}</p>
            </>
          );
        }}
      </Async>
    </Card>
  );
}
