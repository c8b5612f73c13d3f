import { useIntl } from 'react-intl';
import { useRead } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { SignatureVerdict } from '../../ledger/SignatureVerdict.tsx';
import { useT } from '../../i18n/provider.tsx';
import { Card } from './Card.tsx';
import { jointLogRead } from './reads.ts';

/** The mechanism's joint log: its size and its latest signed checkpoint (size, short root). */
export function JointLog({ mechanismId }: { mechanismId: string }) {
  const t = useT();
  const intl = useIntl();
  const log = useRead(jointLogRead(mechanismId));
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
