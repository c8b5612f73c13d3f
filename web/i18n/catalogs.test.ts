import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { CATALOGS, type MessageId } from './catalogs.ts';
import { INTL_LOCALE, LOCALES } from './locales.ts';

/** The top-level arguments of an ICU message: `{name}` and `{name, plural, …}`. */
function argumentsOf(message: string): string[] {
  return [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!).sort();
}

/** Sample values for every argument the catalogs use. */
const VALUES = {
  username: 'cn-secretariat', role: 'Observer', party: 'China', detail: 'x', date: '2025', language: 'English', wanted: 'Русский',
  signed: 1, total: 2, done: 3, dropped: 1, year: '2026', years: 25, size: 21, at: '26/11/2026', number: 20, parties: 'China, Russia',
  // The ledger area's (log page, timeline).
  index: 3, key: 'entente-1+abcd1234+AQ==', log: 'Joint log', page: 1, pages: 2, from: '1996', to: '2026', title: 'Treaty', kind: 'Milestone', label: 'Treaty',
  // The communiqués area's (the editors' time zone, the moderation queue).
  zone: 'Asia/Shanghai', count: 2, name: 'Ada', status: 'Pending',
};

describe('message catalogs', () => {
  const ids = Object.keys(CATALOGS.en) as MessageId[];

  for (const locale of LOCALES) {
    it(`${locale}: every message parses and formats with the English arguments`, () => {
      const errors: string[] = [];
      const intl = createIntl({ locale: INTL_LOCALE[locale], messages: CATALOGS[locale], onError: (e) => errors.push(e.message) });
      for (const id of ids) {
        expect(argumentsOf(CATALOGS[locale][id]), `${locale} ${id}`).toEqual(argumentsOf(CATALOGS.en[id]));
        expect(intl.formatMessage({ id }, VALUES)).not.toBe('');
      }
      expect(errors).toEqual([]);
    });
  }

  it('every catalog but English is translated (identical only where the words are the same)', () => {
    const same = new Set<MessageId>([
      'app.name', 'user.roleInParty', 'dashboard.commitments.total', 'rounds.date',
      // French words spelt as in English.
      'nav.communiques', 'communiques.title', 'communiques.col.title', 'communiques.roundSection', 'comments.col.communique', 'communiques.col.version',
      'communique.version', 'communique.versionN', 'communiques.col.embargo', 'communique.embargo', 'communique.workflow.schedule.title',
      'communique.workflow.title', 'communique.workflow.correct.title',
    ]);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      // A message of arguments and punctuation alone has no words to translate.
      const wordless = (text: string) => !/\p{L}/u.test(text.replace(/\{[^}]*\}/g, ''));
      const untranslated = ids.filter((id) => !same.has(id) && !wordless(CATALOGS.en[id]) && CATALOGS[locale][id] === CATALOGS.en[id]);
      expect(untranslated, locale).toEqual([]);
    }
  });

  it('plural forms follow each language: "25 лет", "1 год", "2 ans"', () => {
    const say = (locale: (typeof LOCALES)[number], years: number) =>
      createIntl({ locale: INTL_LOCALE[locale], messages: CATALOGS[locale] }).formatMessage({ id: 'dashboard.anniversary.years' }, { years });
    expect([say('ru', 1), say('ru', 3), say('ru', 25), say('ru', 30)]).toEqual(['1 год', '3 года', '25 лет', '30 лет']);
    expect([say('fr', 1), say('fr', 2), say('en', 1), say('zh', 30)]).toEqual(['1 an', '2 ans', '1 year', '30 周年']);
  });
});
