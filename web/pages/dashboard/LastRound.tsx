import type { Round } from '../../api/types.ts';
import { useRead } from '../../api/use-api-data.ts';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { outcomeRead } from './reads.ts';
import { RoundSummary } from './RoundSummary.tsx';

export function LastRound({ round, base, now }: { round: Round | undefined; base: string; now: Date }) {
  const t = useT();
  return (
    <Card title={t('dashboard.lastRound')}>
      {round ? (
        <>
          <RoundSummary round={round} base={base} now={now} showDistance />
          <Cosignatures round={round} />
        </>
      ) : (
        <p className="muted">{t('dashboard.lastRound.none')}</p>
      )}
    </Card>
  );
}

/** How many co-chairs signed the round's current outcome (src/outcome). */
function Cosignatures({ round }: { round: Round }) {
  const t = useT();
  const outcome = useRead(outcomeRead(round.mechanismId, round.number));
  if (!outcome.data) return null;
  const signed = new Set(outcome.data.cosignatures.filter((s) => s.current && s.valid).map((s) => s.party)).size;
  return <p className="cosignatures">{t('dashboard.cosigned', { signed, total: outcome.data.parties.length })}</p>;
}
