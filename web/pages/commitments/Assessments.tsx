import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { useT } from '../../i18n/provider.tsx';
import { ASSESSORS, type Assessment, type CommitmentTrail, type Score } from './api.ts';

const SCORE_LABEL = { 1: 'commitmentPage.score.full', 0: 'commitmentPage.score.partial', [-1]: 'commitmentPage.score.none' } as const;

/**
 * How each bound party is assessed: the compliance per assessor (self, partner, agreed) the
 * API computes, then every assessment with its cycle, score and reason.
 */
export function Assessments({ trail, base }: { trail: CommitmentTrail; base: string }) {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const { rounds } = useMechanism();
  const roundNumber = new Map(rounds.map((r) => [r.id, r.number]));
  const percent = (value: number | null) =>
    value === null ? <span className="muted">{t('commitmentPage.compliance.notAssessed')}</span> : intl.formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 });
  const order = (a: Assessment) => [a.party, ASSESSORS.indexOf(a.assessor), a.roundId ? (roundNumber.get(a.roundId) ?? 0) : 0] as const;
  const sorted = [...trail.assessments].sort((a, b) => {
    const [pa, sa, ra] = order(a);
    const [pb, sb, rb] = order(b);
    return pa.localeCompare(pb) || sa - sb || ra - rb;
  });
  return (
    <section className="section" aria-labelledby="assessments">
      <h2 id="assessments">{t('commitmentPage.assessments')}</h2>
      {trail.assessments.length === 0 ? (
        <p className="muted">{t('commitmentPage.assessments.none')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table table-numbers compliance-table">
              <caption>{t('commitmentPage.compliance.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('commitmentPage.assessments.party')}</th>
                  {ASSESSORS.map((a) => (
                    <th scope="col" key={a}>
                      {t(`commitmentPage.assessor.${a}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trail.compliance.map((row) => (
                  <tr key={row.party}>
                    <th scope="row">{partyName(row.party)}</th>
                    <td>{percent(row.self)}</td>
                    <td>{percent(row.partner)}</td>
                    <td>{percent(row.agreed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table className="table assessments-table">
              <caption className="visually-hidden">{t('commitmentPage.assessments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('commitmentPage.assessments.party')}</th>
                  <th scope="col">{t('commitmentPage.assessments.assessor')}</th>
                  <th scope="col">{t('commitmentPage.assessments.cycle')}</th>
                  <th scope="col">{t('commitmentPage.assessments.score')}</th>
                  <th scope="col">{t('commitmentPage.assessments.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((a) => {
                  const number = a.roundId ? roundNumber.get(a.roundId) : undefined;
                  return (
                    <tr key={a.id}>
                      <th scope="row">{partyName(a.party)}</th>
                      <td>
                        {t(`commitmentPage.assessor.${a.assessor}`)} <MarkingBadge marking={a.marking} ownerParty={a.ownerParty} />
                      </td>
                      <td className="nowrap">{number !== undefined ? <Link to={`${base}/rounds/${number}`}>{t('round.title', { number })}</Link> : <span className="muted">—</span>}</td>
                      <td className="nowrap">
                        <ScoreText score={a.score} />
                      </td>
                      <td>{Object.keys(a.reason).length > 0 ? <LocalText value={a.reason} /> : <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ScoreText({ score }: { score: Score }) {
  const t = useT();
  const intl = useIntl();
  return (
    <span className={`score score-${score === 1 ? 'full' : score === 0 ? 'partial' : 'none'}`}>
      <span className="score-value">{intl.formatNumber(score, { signDisplay: 'exceptZero' })}</span> {t(SCORE_LABEL[score])}
    </span>
  );
}
