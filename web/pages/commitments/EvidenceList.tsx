import { DateText } from '../../components/DateText.tsx';
import { LocalText } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useT } from '../../i18n/provider.tsx';
import type { Evidence } from './api.ts';

/** The dated notes and links showing progress, oldest first (as the API sorts them). */
export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const t = useT();
  return (
    <section className="section" aria-labelledby="evidence-heading" id="evidence">
      <h2 id="evidence-heading">{t('commitmentPage.evidence')}</h2>
      {evidence.length === 0 ? (
        <p className="muted">{t('commitmentPage.evidence.none')}</p>
      ) : (
        <ul className="records">
          {evidence.map((e) => (
            <li key={e.id}>
              <p className="record-meta">
                <DateText date={e.date} /> <MarkingBadge marking={e.marking} ownerParty={e.ownerParty} />
              </p>
              <p>
                <LocalText value={e.note} />
              </p>
              {e.url && (
                <p>
                  <a href={e.url} rel="noopener noreferrer" target="_blank">
                    {t('commitmentPage.evidence.link', { detail: hostOf(e.url) })}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
