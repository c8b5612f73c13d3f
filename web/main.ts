import './styles.css';
import { startFirstPageReads } from './first-reads.ts';
import { INTL_LOCALE, loadLocale } from './i18n/locales.ts';

/**
 * The boot script: small, it runs while the app (React, the router, the pages: ./mount.tsx, which
 * index.html preloads) still downloads and compiles. It starts the first page's reads, which the
 * page then takes instead of asking again (./api/early-reads.ts), and readies Intl. Without it,
 * nothing would be asked before the app's first render (bench: workspace; decision 0016).
 */

/** The Intl services every page formats with: the first use of each loads ICU data (~50 ms here). */
function readyIntl(locale: string): void {
  new Intl.NumberFormat(locale).format(0);
  new Intl.DateTimeFormat(locale).format(0);
  new Intl.PluralRules(locale).select(0);
  new Intl.RelativeTimeFormat(locale).format(0, 'day');
}

const reads = startFirstPageReads(window.location.pathname, new Date());
void import('./mount.tsx');
// Once the reads are sent (they wait for the session, usually here by then): while the app's
// scripts still arrive, the main thread would be idle.
void reads.catch(() => {}).finally(() => readyIntl(INTL_LOCALE[loadLocale()]));
