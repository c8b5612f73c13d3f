import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Round } from '../../api/types.ts';
import { DateRange } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { PartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { timeUntil } from '../../i18n/partial-date.ts';

/** A round in a few lines: its number (a link), date and how far it is, place and host, status. */
export function RoundSummary({ round, base, now, showDistance }: { round: Round; base: string; now: Date; showDistance?: boolean }) {
  const intl = useIntl();
  const until = round.startDate ? timeUntil(round.startDate, now) : undefined;
  return (
    <div className="round-summary">
      <p className="round-summary-title">
        <Link to={`${base}/rounds/${round.number}`}>
          <FormattedMessage id="round.title" values={{ number: round.number }} />
        </Link>{' '}
        <StatusBadge kind="round" status={round.status} /> <MarkingBadge marking={round.marking} ownerParty={round.ownerParty} />
      </p>
      <p>
        <DateRange start={round.startDate} end={round.endDate} />
        {showDistance && until && <span className="muted"> · {intl.formatRelativeTime(until.value, until.unit, { numeric: 'auto' })}</span>}
      </p>
      {(Object.keys(round.place).length > 0 || round.hostParty) && (
        <p>
          {Object.keys(round.place).length > 0 && <LocalText value={round.place} />}
          {round.hostParty && (
            <span className="muted">
              {' · '}
              <PartyName code={round.hostParty} />
            </span>
          )}
        </p>
      )}
    </div>
  );
}
