import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/entente.ts';
import { useSession } from '../../api/session.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { Async } from '../../components/Async.tsx';
import { InstantText } from '../../components/InstantText.tsx';
import { languageName } from '../../components/language-name.ts';
import { LocalText, useTextString } from '../../components/LocalText.tsx';
import { MarkingBadge } from '../../components/MarkingBadge.tsx';
import { useMechanism } from '../../components/MechanismScope.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { PartyName } from '../../components/PartyName.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { LOCALES } from '../../i18n/locales.ts';
import { useLocale, useT } from '../../i18n/provider.tsx';
import { RecordInLog } from '../../ledger/RecordInLog.tsx';
import { editorPath } from '../editors/EditorLinks.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { communiquesApi, type Communique, type EventRef } from './api.ts';
import { ApprovalPanel } from './ApprovalPanel.tsx';
import { CommuniqueOf } from './CommuniquesPage.tsx';
import { WorkflowPanel } from './WorkflowPanel.tsx';
import { stepsFor, versionsAround, type StepNotice } from './workflow.ts';

interface Loaded {
  communique: Communique;
  /** The mechanism's communiqués: the versions around this one. */
  all: Communique[];
  events: Map<string, EventRef>;
}

/**
 * One communiqué: its facts, where its approval stands and the steps the reader may take
 * (approve, reopen, schedule, correct), then its text in every language it has.
 */
export function CommuniquePage() {
  const t = useT();
  const { mechanism } = useMechanism();
  const id = useParams().id ?? '';
  const loaded = useApiData(`communique:${id}`, async (signal): Promise<Loaded> => {
    const [communique, all] = await Promise.all([communiquesApi.get(id, signal), communiquesApi.list(mechanism.id, signal)]);
    const event = communique.eventId ? await api.get<EventRef>(`/events/${encodeURIComponent(communique.eventId)}`, undefined, signal).catch(() => undefined) : undefined;
    return { communique, all, events: new Map(event ? [[event.id, event]] : []) };
  });
  const text = useTextString();
  usePageTitle(loaded.data ? text(loaded.data.communique.title, t('communiques.untitled')) : t('communiques.title'));
  if (loaded.error?.status === 404 || loaded.error?.status === 400) return <NotFoundPage />;
  return <Async loaded={loaded}>{(data) => <CommuniqueView key={data.communique.id} data={data} />}</Async>;
}

function CommuniqueView({ data }: { data: Loaded }) {
  const t = useT();
  const { locale } = useLocale();
  const { mechanism } = useMechanism();
  const { session } = useSession();
  const location = useLocation();
  // A step's answer is the communiqué as it is now: shown at once, whichever is the later entry.
  const [answered, setAnswered] = useState<Communique>();
  const [notice, setNotice] = useState<string | undefined>((location.state as StepNotice | null)?.notice);
  const c = answered && answered.logIndex >= data.communique.logIndex ? answered : data.communique;
  const base = `/m/${mechanism.id}`;
  const { previous, newer } = versionsAround(c, data.all);
  const steps = stepsFor(c, session, mechanism.parties, newer !== undefined);
  const changed = (after: Communique, message: string) => {
    setAnswered(after);
    setNotice(message);
  };

  return (
    <article className="communique">
      <p className="breadcrumb">
        <Link to={`${base}/communiques`}>{t('communique.all')}</Link>
      </p>
      <div className="page-head">
        <h1>
          <LocalText value={c.title} /> <StatusBadge kind="communique" status={c.status} /> <MarkingBadge marking={c.marking} ownerParty={c.ownerParty} />
        </h1>
        <dl className="facts facts-inline">
          <div>
            <dt>{c.roundId ? t('communique.round') : t('communique.event')}</dt>
            <dd>
              <CommuniqueOf communique={c} events={data.events} />
            </dd>
          </div>
          <div>
            <dt>{t('communique.version')}</dt>
            <dd>{c.version}</dd>
          </div>
          <div>
            <dt>{t('communique.embargo')}</dt>
            <dd>{c.embargo ? <InstantText at={c.embargo} /> : <span className="muted">{t('communique.noEmbargo')}</span>}</dd>
          </div>
          {c.publishedAt && (
            <div>
              <dt>{t('communique.publishedAt')}</dt>
              <dd>
                <InstantText at={c.publishedAt} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('communique.draftedBy')}</dt>
            <dd>
              <PartyName code={c.ownerParty} />
            </dd>
          </div>
        </dl>
        <RecordInLog record={c} mechanismId={c.mechanismId} />
        <div className="editor-links" role="group" aria-label={t('communique.links')}>
          {steps.edit && (
            <Link className="button" to={editorPath(mechanism.id, 'communique', c.id, { back: `${base}/communiques/${c.id}` })}>
              {t('communique.edit')}
            </Link>
          )}
          {c.status === 'published' && (
            <a className="button" href={`/${locale}/communiques/${encodeURIComponent(c.id)}`} hrefLang={locale}>
              {t('communique.publicPage')}
            </a>
          )}
        </div>
      </div>

      <p className="notice notice-ok status-line" role="status">
        {notice}
      </p>

      {previous && (
        <p className="notice notice-info">
          {t('communique.corrects')} <Link to={`${base}/communiques/${encodeURIComponent(previous.id)}`}>{t('communique.versionN', { number: previous.version })}</Link>
        </p>
      )}
      {!previous && c.previousId && <p className="notice notice-info">{t('communique.correctsUnseen')}</p>}
      {c.correctionNote && (
        <div className="notice notice-info correction-note">
          <p>
            <strong>{t('communique.correctionNote')}</strong>
          </p>
          <p className="communique-paragraphs">
            <LocalText value={c.correctionNote} />
          </p>
        </div>
      )}
      {newer && (
        <p className="notice notice-warn">
          {t('communique.newer')} <Link to={`${base}/communiques/${encodeURIComponent(newer.id)}`}>{t('communique.versionN', { number: newer.version })}</Link>{' '}
          <StatusBadge kind="communique" status={newer.status} />
        </p>
      )}

      <ApprovalPanel communique={c} canApprove={steps.approve} onChanged={changed} />
      {(steps.reopen || steps.schedule || steps.correct) && <WorkflowPanel communique={c} steps={steps} onChanged={changed} />}
      <Texts communique={c} />
    </article>
  );
}

/** The title and text in every language the communiqué has, side by side; the others named. */
function Texts({ communique }: { communique: Communique }) {
  const t = useT();
  const { locale } = useLocale();
  const { mechanism } = useMechanism();
  const languages = [...new Set([...LOCALES, ...mechanism.languages, ...Object.keys(communique.title), ...Object.keys(communique.text)])];
  const written = languages.filter((l) => communique.title[l] || communique.text[l]);
  const missing = languages.filter((l) => !written.includes(l));
  return (
    <section className="section" aria-labelledby="communique-text">
      <h2 id="communique-text">{t('communique.texts')}</h2>
      {missing.length > 0 && <p className="hint">{t('communique.textsMissing', { language: missing.map((l) => languageName(l, locale)).join(', ') })}</p>}
      <div className="communique-texts">
        {written.map((lang) => (
          <section key={lang} lang={lang} className="communique-text" aria-label={languageName(lang, locale)}>
            <p className="communique-lang" lang={locale}>
              {languageName(lang, locale)} <span className="muted">({lang})</span>
            </p>
            <h3>{communique.title[lang] || <span className="text-missing" lang={locale}>{t('communique.noTitle')}</span>}</h3>
            {(communique.text[lang] ?? '')
              .split(/\n\s*\n/)
              .filter((p) => p.trim() !== '')
              .map((p, i) => (
                <p key={i} className="communique-paragraphs">
                  {p}
                </p>
              ))}
          </section>
        ))}
      </div>
    </section>
  );
}
