import { useEffect } from 'react';

/** The document's title: the page's own, then the product's. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Entente` : 'Entente';
  }, [title]);
}
