import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useT } from '../i18n/provider.tsx';

/** The plain frame of the pages before the workspace proper: sign-in, second factor. */
export function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="shell">
      <header className="banner">
        <div className="banner-inner">
          <span className="brand">
            <span className="brand-name">{t('app.name')}</span>
          </span>
          <div className="banner-tools">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="main main-narrow">
        {children}
      </main>
    </div>
  );
}
