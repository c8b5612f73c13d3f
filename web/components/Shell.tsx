import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { useSession } from '../api/session.tsx';
import type { Mechanism, Role } from '../api/types.ts';
import type { MessageId } from '../i18n/catalogs.ts';
import { useT } from '../i18n/provider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useTextString } from './LocalText.tsx';
import { usePartyName } from './PartyName.tsx';

/**
 * The frame of every signed-in page: a banner with the mechanism's name, the navigation, the
 * language switch and who is signed in; then the page; then a footer.
 */
export function Shell({ mechanism, children }: { mechanism?: Mechanism; children: ReactNode }) {
  const t = useT();
  const text = useTextString();
  const base = mechanism ? `/m/${mechanism.id}` : undefined;
  const { session } = useSession();
  // The moderation queue is the secretariat's and co-chair's (the API decides; src/public/comments/).
  const role = session?.roles?.find((r) => r.mechanismId === mechanism?.id)?.role;
  const mayModerate = role === 'secretariat' || role === 'co-chair';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <div className="banner-inner">
          <Link to={base ?? '/'} className="brand">
            <span className="brand-name">{t('app.name')}</span>
            {mechanism && <span className="brand-mechanism">{text(mechanism.name)}</span>}
          </Link>
          <div className="banner-tools">
            <LanguageSwitch />
            <UserBox mechanismId={mechanism?.id} />
          </div>
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {base ? (
              <>
                <li>
                  <NavLink to={base} end>
                    {t('nav.dashboard')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/rounds`}>{t('nav.rounds')}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/commitments`}>{t('nav.commitments')}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/positions`}>{t('nav.positions')}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/communiques`}>{t('nav.communiques')}</NavLink>
                </li>
                {mayModerate && (
                  <li>
                    <NavLink to={`${base}/comments`}>{t('nav.comments')}</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to={`${base}/timeline`}>{t('ledger.nav.timeline')}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/log`}>{t('ledger.nav.log')}</NavLink>
                </li>
              </>
            ) : (
              <li>
                <NavLink to="/" end>
                  {t('nav.mechanisms')}
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>
          {t('app.footer')} <a href="/api/docs">{t('app.apiReference')}</a>
        </p>
      </footer>
    </div>
  );
}

function UserBox({ mechanismId }: { mechanismId: string | undefined }) {
  const t = useT();
  const { session, signOut } = useSession();
  const partyName = usePartyName();
  const navigate = useNavigate();
  if (!session?.signedIn) return null;
  const role: Role | undefined = session.roles?.find((r) => r.mechanismId === mechanismId)?.role;
  const roleLabel = role ? t(`role.${role}` as MessageId) : session.admin ? t('role.admin') : t('role.none');
  return (
    <div className="user-box">
      <p className="user">
        <span className="visually-hidden">{t('user.label')} </span>
        <Link to="/profile" className="user-name">
          {session.username}
        </Link>
        <span className="user-role">{t('user.roleInParty', { role: roleLabel, party: partyName(session.party ?? '') })}</span>
      </p>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => {
          void signOut().then(() => navigate('/sign-in', { replace: true }));
        }}
      >
        {t('signOut')}
      </button>
    </div>
  );
}
