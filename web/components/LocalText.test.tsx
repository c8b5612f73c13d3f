import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/locales.ts';
import { LocaleProvider } from '../i18n/provider.tsx';
import { LocalText } from './LocalText.tsx';
import { MarkingBadge } from './MarkingBadge.tsx';
import { DateText } from './DateText.tsx';
import { RecordContextValue } from './record-context.tsx';
import type { Party } from '../api/types.ts';

const china: Party = {
  id: 'p', ownerParty: 'cn', marking: 'public', createdAt: '', updatedAt: '', logIndex: 0, code: 'cn', workingLanguages: ['zh'],
  name: { en: 'China', fr: 'Chine', zh: '中国', ru: 'Китай' },
};

function render(locale: Locale, node: React.ReactNode, languages: string[] = []): string {
  return renderToStaticMarkup(
    <LocaleProvider initial={locale}>
      <RecordContextValue value={{ languages, parties: new Map([['cn', china]]) }}>{node}</RecordContextValue>
    </LocaleProvider>,
  );
}

describe('LocalText', () => {
  it('shows the text in the reader’s language with its lang attribute, unmarked', () => {
    expect(render('zh', <LocalText value={{ en: 'Beijing', zh: '北京' }} />)).toBe('<span lang="zh">北京</span>');
  });

  it('marks a text shown in another language, naming both languages in the reader’s language', () => {
    const html = render('ru', <LocalText value={{ en: 'Strengthen strategic trust.', fr: 'Renforcer la confiance.' }} />);
    expect(html).toContain('<span lang="en">Strengthen strategic trust.</span>');
    expect(html).toContain('<span aria-hidden="true">EN</span>');
    expect(html).toContain('Показано на языке «английский»: текста на языке «русский» нет.');
  });

  it('prefers the mechanism’s languages after English', () => {
    expect(render('fr', <LocalText value={{ ru: 'Текст', zh: '文本' }} />, ['zh', 'ru'])).toContain('<span lang="zh">文本</span>');
  });

  it('says so when there is no text at all', () => {
    expect(render('fr', <LocalText value={{}} />)).toContain('Aucun texte enregistré.');
  });
});

describe('MarkingBadge', () => {
  it('marks internal records with the party that alone sees them, and shared ones not at all', () => {
    expect(render('fr', <MarkingBadge marking="internal" ownerParty="cn" />)).toContain('Interne');
    expect(render('fr', <MarkingBadge marking="internal" ownerParty="cn" />)).toContain('visible des seuls membres de Chine');
    expect(render('en', <MarkingBadge marking="joint" ownerParty="cn" />)).toBe('');
  });
});

describe('DateText', () => {
  it('renders a partial date at its precision inside <time>', () => {
    expect(render('zh', <DateText date="2005" />)).toBe('<time dateTime="2005">2005年</time>');
    expect(render('en', <DateText date={null} />)).toContain('Date not set');
  });
});
