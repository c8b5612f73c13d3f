import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { LogSummary } from '../../api/types.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { SignatureVerdict } from '../../ledger/SignatureVerdict.tsx';
import { loadCheckpoint } from '../../ledger/verification.ts';
import { useT } from '../../i18n/provider.tsx';

/** One log: its size, its latest checkpoint (size, root, signed note) and the signature as checked here. */
export function LogCard({ summary, title, selected, browseTo }: { summary: LogSummary; title: string; selected: boolean; browseTo: string }) {
  const t = useT();
  const intl = useIntl();
  const checkpoint = useApiData(`checkpoint:${summary.log}:${summary.checkpointSize ?? ''}`, (signal) => loadCheckpoint(summary.log, signal, summary));
  const headingId = `log-${summary.log.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <section className={`card ledger-log${selected ? ' ledger-log-selected' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <Async loaded={checkpoint}>
        {(cp) => (
          <>
            <dl className="facts">
              <dt>{t('ledger.log.size')}</dt>
              <dd>{intl.formatNumber(summary.size)}</dd>
              <dt>{t('ledger.log.checkpoint')}</dt>
              <dd>
                {cp.status === 'none' || !summary.checkpointAt
                  ? t('ledger.signature.none')
                  : t('ledger.log.checkpoint.value', {
                      size: cp.status === 'verified' ? cp.checkpoint.size : (summary.checkpointSize ?? 0),
                      at: intl.formatDate(summary.checkpointAt, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
              </dd>
              {cp.status === 'verified' && (
                <>
                  <dt>{t('ledger.log.root')}</dt>
                  <dd>
                    <code className="hash ledger-root">{cp.checkpoint.rootBase64}</code>
                  </dd>
                </>
              )}
              <dt>{t('ledger.signature')}</dt>
              <dd>
                <SignatureVerdict state={cp} />
              </dd>
            </dl>
            {cp.status !== 'none' && (
              <details className="ledger-note">
                <summary>{t('ledger.log.note')}</summary>
                <pre>{cp.note}</pre>
              </details>
            )}
          </>
        )}
      </Async>
      <p className="ledger-browse">
        {selected ? (
          <span className="muted">{t('ledger.log.browsing')}</span>
        ) : (
          <Link to={browseTo} aria-label={t('ledger.log.browseNamed', { log: title })}>
            {t('ledger.log.browse')}
          </Link>
        )}
      </p>
    </section>
  );
}
