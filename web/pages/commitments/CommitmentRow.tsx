import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { usePartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import type { CommitmentRecord } from './api.ts';
import { isOverdue } from './board.ts';
import { MarkingLabel } from './MarkingLabel.tsx';

/** One commitment on the board: its text (the link to its page), parties, round, due date, status, marking. */
export function CommitmentRow({ commitment: c, base, roundNumber, now }: { commitment: CommitmentRecord; base: string; roundNumber: number | undefined; now: Date }) {
  const t = useT();
  const intl = useIntl();
  const partyName = usePartyName();
  const overdue = isOverdue(c, now);
  return (
    <tr className={overdue ? 'row-overdue' : undefined}>
      <th scope="row" className="commitment-text">
        <Link to={`${base}/commitments/${c.id}`}>
          <LocalText value={c.text} />
        </Link>
      </th>
      <td>{intl.formatList(c.parties.map(partyName), { type: 'conjunction' })}</td>
      <td className="nowrap">
        {roundNumber !== undefined ? <Link to={`${base}/rounds/${roundNumber}`}>{t('round.title', { number: roundNumber })}</Link> : <span className="muted">{t('commitments.noRound')}</span>}
      </td>
      <td className="nowrap">
        <DateText date={c.due} />
        {overdue && (
          <>
            {' '}
            <span className="badge badge-overdue">{t('commitments.overdue')}</span>
          </>
        )}
      </td>
      <td>
        <StatusBadge kind="commitment" status={c.status} />
      </td>
      <td>
        <MarkingLabel marking={c.marking} ownerParty={c.ownerParty} />
      </td>
    </tr>
  );
}
