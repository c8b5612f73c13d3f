import { Link } from 'react-router';
import { usePageTitle } from '../components/page-title.ts';
import { useT } from '../i18n/provider.tsx';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('common.notFound.title'));
  return (
    <>
      <h1>{t('common.notFound.title')}</h1>
      <p>{t('common.notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backToStart')}</Link>
      </p>
    </>
  );
}
