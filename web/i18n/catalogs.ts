import type { Locale } from './locales.ts';
import { en, type Catalog } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { zh } from './messages/zh.ts';
import { ru } from './messages/ru.ts';

export type { Catalog, MessageId } from './messages/en.ts';

/** All four catalogs are small (a few kB gzipped together): they ship in the one bundle. */
export const CATALOGS: Record<Locale, Catalog> = { en, fr, zh, ru };
