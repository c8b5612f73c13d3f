import { createRequire } from 'node:module';

/** A country code's name, or its names (the official one first), in one language. */
export type IsoNames = Record<string, string | string[]>;

// Read with require, not a JSON import: an import needs an import attribute that every bundle
// of the server (bin/entente.js, the bench's) would have to keep.
const load = createRequire(import.meta.url);

/** i18n-iso-countries' country names in English and French. */
export const ISO_NAMES: Record<'en' | 'fr', IsoNames> = {
  en: (load('i18n-iso-countries/langs/en.json') as { countries: IsoNames }).countries,
  fr: (load('i18n-iso-countries/langs/fr.json') as { countries: IsoNames }).countries,
};
