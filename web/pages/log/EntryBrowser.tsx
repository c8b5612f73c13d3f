import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { InclusionLine } from '../../ledger/InclusionLine.tsx';
import { ledgerApi, summarizeEntry } from '../../ledger/log-api.ts';
import { loadCheckpoint, type CheckpointState } from '../../ledger/verification.ts';
import { useT } from '../../i18n/provider.tsx';

export const PAGE_SIZE = 20;

/** The page of entries that holds `index`. */
export const pageStart = (index: number) => Math.floor(Math.max(0, index) / PAGE_SIZE) * PAGE_SIZE;

/**
 * A log's entries, a page at a time: each entry's operation, kind, record, author and time;
 * opened, its canonical JSON and its inclusion in the signed tree, checked in this browser.
 */
export function EntryBrowser({ log, size, title, start, focus, pageHref }: { log: string; size: number; title: string; start: number; focus: number | undefined; pageHref: (start: number) => string }) {
  const t = useT();
  const end = Math.min(size, start + PAGE_SIZE);
  const page = useApiData(`entries:${log}:${start}:${end}`, async (signal) => {
    const [entries, checkpoint] = await Promise.all([ledgerApi.entries(log, start, end, signal), loadCheckpoint(log, signal)]);
    return { entries: entries.entries, checkpoint };
  });
  const pages = Math.max(1, Math.ceil(size / PAGE_SIZE));
  return (
    <section className="section ledger-entries" aria-labelledby="entries-heading">
      <h2 id="entries-heading">{t('ledger.entries.title', { log: title })}</h2>
      {size === 0 ? (
        <p className="muted">{t('ledger.entries.none')}</p>
      ) : (
        <>
          <Async loaded={page}>{({ entries, checkpoint }) => <EntryTable log={log} start={start} entries={entries} checkpoint={checkpoint} focus={focus} size={size} />}</Async>
          <nav className="ledger-pager" aria-label={t('ledger.entries.pages')}>
            {start > 0 ? <Link to={pageHref(Math.max(0, start - PAGE_SIZE))}>{t('ledger.entries.previous')}</Link> : <span className="muted">{t('ledger.entries.previous')}</span>}
            <span>{t('ledger.entries.page', { page: start / PAGE_SIZE + 1, pages })}</span>
            {end < size ? <Link to={pageHref(end)}>{t('ledger.entries.next')}</Link> : <span className="muted">{t('ledger.entries.next')}</span>}
          </nav>
        </>
      )}
    </section>
  );
}

function EntryTable({ log, start, entries, checkpoint, focus, size }: { log: string; start: number; entries: string[]; checkpoint: CheckpointState; focus: number | undefined; size: number }) {
  const t = useT();
  const intl = useIntl();
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set(focus === undefined ? [] : [focus]));
  const focused = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'center' });
  }, []);
  const toggle = (index: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(index)) next.add(index);
      return next;
    });
  return (
    <div className="table-scroll">
      <table className="table ledger-table">
        <caption className="visually-hidden">{t('ledger.entries.caption', { from: start, to: start + entries.length - 1, size })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.entries.index')}</th>
            <th scope="col">{t('ledger.entries.op')}</th>
            <th scope="col">{t('ledger.entries.kind')}</th>
            <th scope="col">{t('ledger.entries.record')}</th>
            <th scope="col">{t('ledger.entries.actor')}</th>
            <th scope="col">{t('ledger.entries.at')}</th>
          </tr>
        </thead>
        {entries.map((entry, i) => {
          const index = start + i;
          const s = summarizeEntry(entry);
          const isOpen = open.has(index);
          const detailId = `entry-${index}`;
          return (
            <tbody key={index} className={isOpen ? 'ledger-entry-open' : undefined}>
              <tr>
                <th scope="row">
                  <button
                    type="button"
                    className="ledger-toggle"
                    aria-expanded={isOpen}
                    aria-controls={detailId}
                    aria-label={t(isOpen ? 'ledger.entries.hide' : 'ledger.entries.show', { index })}
                    onClick={() => toggle(index)}
                    ref={index === focus ? focused : undefined}
                  >
                    <span aria-hidden="true" className="ledger-caret">
                      {isOpen ? '▾' : '▸'}
                    </span>{' '}
                    {index}
                  </button>
                </th>
                {s ? (
                  <>
                    <td>
                      <code>{s.op}</code>
                    </td>
                    <td>
                      <code>{s.kind}</code>
                    </td>
                    <td>
                      <code className="hash" title={s.id}>
                        {s.id.slice(-12)}
                      </code>
                    </td>
                    <td>{s.actor}</td>
                    <td>{s.at ? <time dateTime={s.at}>{intl.formatDate(s.at, { dateStyle: 'medium', timeStyle: 'medium' })}</time> : null}</td>
                  </>
                ) : (
                  <td colSpan={5}>{t('ledger.entries.unreadable')}</td>
                )}
              </tr>
              {isOpen && (
                <tr className="ledger-detail">
                  <td colSpan={6} id={detailId}>
                    <InclusionLine log={log} index={index} entry={entry} checkpoint={checkpoint} />
                    <p className="ledger-json-label">{t('ledger.entries.json')}</p>
                    <pre className="ledger-json">{entry}</pre>
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
