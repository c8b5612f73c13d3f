import { useIntl } from 'react-intl';
import { parseCheckpoint } from '../../api/checkpoint.ts';
import { entente } from '../../api/entente.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { SignatureVerdict } from '../../ledger/SignatureVerdict.tsx';
import { ledgerApi } from '../../ledger/log-api.ts';
import { checkNote } from '../../ledger/verification.ts';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';

/** The mechanism's joint log: its size and its latest signed checkpoint (size, short root). */
export function JointLog({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const intl = useIntl();
  const log = useApiData(`log:${mechanismId}`, async (signal) => {
    // The node key is asked for at once (it is the same for every check on the page); the note
    // is fetched once, shown and checked here, in this browser.
    const nodeKey = ledgerApi.nodeKey().catch(() => undefined);
    const logs = await entente.logs(signal);
    const summary = logs.items.find((l) => l.log === mechanismId);
    const note = summary?.checkpointSize != null ? await entente.checkpoint(mechanismId, signal) : undefined;
    const seal = note === undefined ? undefined : (await nodeKey) === undefined ? null : await checkNote(note);
    return { summary, checkpoint: note === undefined ? undefined : (parseCheckpoint(note) ?? null), seal };
  });
  return (
    <Card title={t('dashboard.log')}>
      <Async loaded={log}>
        {({ summary, checkpoint, seal }) => (
          <dl className="facts">
            <dt>{t('dashboard.log.size')}</dt>
            <dd>{intl.formatNumber(summary?.size ?? 0)}</dd>
            <dt>{t('dashboard.log.checkpoint')}</dt>
            <dd>
              {checkpoint === undefined || !summary?.checkpointAt
                ? t('dashboard.log.none')
                : checkpoint === null
                  ? t('dashboard.log.unreadable')
                  : t('dashboard.log.checkpointSize', {
                      size: checkpoint.size,
                      at: intl.formatDate(summary.checkpointAt, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
            </dd>
            {checkpoint && (
              <>
                <dt>{t('dashboard.log.root')}</dt>
                <dd>
                  <code className="hash" title={checkpoint.root}>
                    {checkpoint.shortRoot}
                  </code>
                </dd>
                <dt>{t('ledger.signature')}</dt>
                <dd>{seal ? <SignatureVerdict state={seal} /> : t('ledger.signature.unavailable')}</dd>
              </>
            )}
          </dl>
        )}
      </Async>
    </Card>
  );
}
