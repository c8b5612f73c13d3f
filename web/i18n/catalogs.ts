import type { AreaMessages } from './area.ts';
import { LOCALES, type Locale } from './locales.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { zh } from './messages/zh.ts';
import { ru } from './messages/ru.ts';
import { commitments } from './messages/commitments.ts';
import { communiques } from './messages/communiques.ts';
import { intake } from './messages/intake.ts';
import { editors } from './messages/editors.ts';
import { ledger } from './messages/ledger.ts';
import { profile } from './messages/profile.ts';

/** The shell's and first pages' messages, then one file per later area (./area.ts). */
const AREAS = [profile, commitments, ledger, editors, communiques, intake] as const;

type KeysOf<T> = T extends AreaMessages<infer K> ? K : never;
export type MessageId = keyof typeof en | KeysOf<(typeof AREAS)[number]>;
/** A catalog: every message of the English one, translated. */
export type Catalog = Record<MessageId, string>;

const BASE: Record<Locale, Record<keyof typeof en, string>> = { en, fr, zh, ru };

/** All catalogs are small (a few kB gzipped together): they ship in the app's chunk, each message compiled at build time (web/vite.config.ts). */
export const CATALOGS = Object.fromEntries(LOCALES.map((locale) => [locale, Object.assign({}, BASE[locale], ...AREAS.map((a) => a[locale]))])) as Record<Locale, Catalog>;
