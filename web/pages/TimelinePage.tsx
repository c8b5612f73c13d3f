import { useId, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Round } from '../api/types.ts';
import { useApiData } from '../api/use-api-data.ts';
import { Async } from '../components/Async.tsx';
import { useTextString } from '../components/LocalText.tsx';
import { useMechanism } from '../components/MechanismScope.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { logOfRecord } from '../ledger/log-api.ts';
import type { MessageId } from '../i18n/catalogs.ts';
import { formatPartialDate, formatPartialDateRange } from '../i18n/partial-date.ts';
import { useT } from '../i18n/provider.tsx';
import { dateSpan, rangeSpan, yearDomain } from './timeline/layout.ts';
import { TimelineEditorLinks } from './editors/EditorLinks.tsx';
import { loadTimeline, type TimelineData } from './timeline/load.ts';
import { TimelineChart, type TimelineEntry } from './timeline/TimelineChart.tsx';

/**
 * Rounds, events, milestones and this year's and next year's anniversaries on one time axis
 * (a chart, with a table for screen readers), and a choice of the years shown.
 */
export function TimelinePage() {
  const t = useT();
  const { mechanism, rounds } = useMechanism();
  const [year] = useState(() => new Date().getUTCFullYear());
  usePageTitle(t('ledger.timeline.title'));
  const loaded = useApiData(`timeline:${mechanism.id}:${year}`, (signal) => loadTimeline(mechanism.id, year, signal));
  return (
    <>
      <div className="page-head">
        <h1>{t('ledger.timeline.title')}</h1>
        <p className="lead">{t('ledger.timeline.lead')}</p>
        <TimelineEditorLinks mechanismId={mechanism.id} />
      </div>
      <Async loaded={loaded}>{(data) => <Timeline data={data} rounds={rounds} mechanismId={mechanism.id} />}</Async>
    </>
  );
}

interface Row extends TimelineEntry {
  date: string;
  kind: string;
}

/** The records as timeline entries, with their words in the reader's language. */
function useEntries(data: TimelineData, rounds: Round[], mechanismId: string): Row[] {
  const t = useT();
  const intl = useIntl();
  const text = useTextString();
  return useMemo(() => {
    const rows: Row[] = [];
    const logLink = (r: { marking: Round['marking']; ownerParty: string; logIndex: number }) =>
      `/m/${mechanismId}/log?${new URLSearchParams({ log: logOfRecord(r, mechanismId), entry: String(r.logIndex) }).toString()}`;
    const push = (lane: Row['lane'], key: string, span: Row['span'] | undefined, label: string, date: string, to: string) => {
      if (!span) return;
      const kind = t(`ledger.timeline.kind.${lane}` as MessageId);
      rows.push({ key, lane, span, label, date, kind, to, name: t('ledger.timeline.itemName', { kind, label, date }) });
    };
    for (const r of rounds) {
      const date = formatPartialDateRange(r.startDate, r.endDate, intl.locale) ?? '';
      push('round', r.id, rangeSpan(r.startDate, r.endDate), t('ledger.timeline.round', { number: r.number }), date, `/m/${mechanismId}/rounds/${r.number}`);
    }
    for (const e of data.events) push('event', e.id, dateSpan(e.date), text(e.title), formatPartialDate(e.date, intl.locale), logLink(e));
    for (const m of data.milestones) push('milestone', m.id, dateSpan(m.date), text(m.title), formatPartialDate(m.date, intl.locale), logLink(m));
    for (const a of data.anniversaries) {
      const label = t('ledger.timeline.anniversary', { years: a.years, title: text(a.milestone.title) });
      push('anniversary', `${a.milestone.id}:${a.years}`, dateSpan(a.date), label, formatPartialDate(a.date, intl.locale), logLink(a.milestone));
    }
    return rows.sort((a, b) => a.span.start - b.span.start);
  }, [data, rounds, mechanismId, t, intl.locale, text]);
}

function Timeline({ data, rounds, mechanismId }: { data: TimelineData; rounds: Round[]; mechanismId: string }) {
  const t = useT();
  const entries = useEntries(data, rounds, mechanismId);
  const domain = yearDomain(entries.map((e) => e.span));
  const [range, setRange] = useState<{ from: number; to: number } | undefined>(undefined);
  const fromId = useId();
  const toId = useId();
  if (!domain) return <p className="muted">{t('ledger.timeline.empty')}</p>;
  const from = Math.max(domain.from, Math.min(range?.from ?? domain.from, domain.to - 1));
  const to = Math.min(domain.to, Math.max(range?.to ?? domain.to, from + 1));
  const years: number[] = [];
  for (let y = domain.from; y <= domain.to; y++) years.push(y);
  const shown = entries.filter((e) => e.span.end > from && e.span.start < to);
  return (
    <>
      <form className="tl-controls" aria-label={t('ledger.timeline.range')} onSubmit={(e) => e.preventDefault()}>
        <div className="field-inline">
          <label htmlFor={fromId}>{t('ledger.timeline.from')}</label>
          <select id={fromId} value={from} onChange={(e) => setRange({ from: Number(e.target.value), to })}>
            {years.slice(0, -1).map((y) => (
              <option key={y} value={y} disabled={y >= to}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor={toId}>{t('ledger.timeline.to')}</label>
          <select id={toId} value={to - 1} onChange={(e) => setRange({ from, to: Number(e.target.value) + 1 })}>
            {years.slice(0, -1).map((y) => (
              <option key={y} value={y} disabled={y < from}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-quiet" onClick={() => setRange({ from: Math.max(domain.from, domain.to - 5), to: domain.to })}>
          {t('ledger.timeline.recent')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setRange(undefined)} disabled={from === domain.from && to === domain.to}>
          {t('ledger.timeline.all')}
        </button>
        <p className="tl-legend" aria-hidden="true">
          <span className="tl-legend-point" /> {t('ledger.timeline.legend.point')} <span className="tl-legend-span" /> {t('ledger.timeline.legend.span')}
        </p>
      </form>
      <TimelineChart entries={shown} from={from} to={to} label={t('ledger.timeline.chart', { from: String(from), to: String(to - 1) })} />
      <p className="hint">{t('ledger.timeline.keys')}</p>
      <table className="visually-hidden">
        <caption>{t('ledger.timeline.table', { from: String(from), to: String(to - 1) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.timeline.date')}</th>
            <th scope="col">{t('ledger.timeline.kind')}</th>
            <th scope="col">{t('ledger.timeline.item')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.key}>
              <td>{e.date}</td>
              <td>{e.kind}</td>
              <td>
                <Link to={e.to} tabIndex={-1}>
                  {e.label}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
