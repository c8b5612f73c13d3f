import type { Round } from '../../api/types.ts';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { RoundSummary } from './RoundSummary.tsx';

export function NextRound({ round, base, now }: { round: Round | undefined; base: string; now: Date }) {
  const t = useT();
  return (
    <Card title={t('dashboard.nextRound')}>
      {round ? <RoundSummary round={round} base={base} now={now} showDistance /> : <p className="muted">{t('dashboard.nextRound.none')}</p>}
    </Card>
  );
}
