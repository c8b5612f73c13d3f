import { useSearchParams } from 'react-router';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from '../components/Async.tsx';
import { useMechanism } from '../components/MechanismScope.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { usePartyName } from '../components/PartyName.tsx';
import { ledgerApi } from '../ledger/log-api.ts';
import { useT } from '../i18n/provider.tsx';
import { EntryBrowser, pageStart } from './log/EntryBrowser.tsx';
import { LogCard } from './log/LogCard.tsx';
import { logTitle, logsOfMechanism } from './log/log-name.ts';

/**
 * The mechanism's logs as the reader may see them: the node's key, each log's latest
 * checkpoint with its signature checked here, and an entry browser whose entries' inclusion
 * proofs are checked here too. `?log=…&start=…` picks the log and page, `&entry=N` opens one.
 */
export function LogPage() {
  const t = useT();
  const partyName = usePartyName();
  const { mechanism } = useMechanism();
  const [params] = useSearchParams();
  usePageTitle(t('ledger.log.title'));
  const loaded = useApiData('ledger:logs', async (signal) => {
    const [logs, nodeKey] = await Promise.all([ledgerApi.logs(signal), ledgerApi.nodeKey()]);
    return { logs, nodeKey };
  });
  const titleOf = (log: string) => {
    const title = logTitle(log, mechanism.id);
    return title ? t(title.id, { party: title.party ? partyName(title.party) : '' }) : log;
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('ledger.log.title')}</h1>
        <p className="lead">{t('ledger.log.lead')}</p>
      </div>
      <Async loaded={loaded}>
        {({ logs, nodeKey }) => {
          const mine = logsOfMechanism(logs.items, mechanism.id);
          const selected = mine.find((l) => l.log === params.get('log')) ?? mine[0];
          const entryParam = params.get('entry');
          const focus = entryParam !== null && /^\d+$/.test(entryParam) && selected && Number(entryParam) < selected.size ? Number(entryParam) : undefined;
          const startParam = Number(params.get('start') ?? NaN);
          const start = focus !== undefined ? pageStart(focus) : Number.isInteger(startParam) && selected && startParam >= 0 && startParam < selected.size ? pageStart(startParam) : 0;
          const href = (log: string, s = 0) => `?${new URLSearchParams({ log, start: String(s) }).toString()}`;
          return (
            <>
              <section className="section ledger-node" aria-labelledby="node-key">
                <h2 id="node-key">{t('ledger.log.nodeKey')}</h2>
                <p>
                  <code className="ledger-key">{nodeKey}</code>
                </p>
                <p className="muted">{t('ledger.log.nodeKey.hint')}</p>
              </section>
              {mine.length === 0 ? (
                <p className="muted">{t('ledger.log.none')}</p>
              ) : (
                <>
                  <div className="grid ledger-logs">
                    {mine.map((l) => (
                      <LogCard key={l.log} summary={l} title={titleOf(l.log)} selected={l.log === selected?.log} browseTo={href(l.log)} />
                    ))}
                  </div>
                  {selected && (
                    <EntryBrowser
                      key={`${selected.log}:${focus ?? ''}`}
                      log={selected.log}
                      size={selected.size}
                      title={titleOf(selected.log)}
                      start={start}
                      focus={focus}
                      pageHref={(s) => href(selected.log, s)}
                    />
                  )}
                </>
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}
