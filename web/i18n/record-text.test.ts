import { describe, expect, it } from 'vitest';
import { pickText } from './record-text.ts';

describe('pickText', () => {
  const place = { en: 'Beijing', fr: 'Pékin', zh: '北京', ru: 'Пекин' };

  it('shows the wanted language when the record has it', () => {
    expect(pickText(place, 'zh')).toEqual({ text: '北京', lang: 'zh', fallback: false });
  });

  it('matches a regional or script variant of the wanted language, not marked as another language', () => {
    expect(pickText({ 'zh-Hans': '北京', en: 'Beijing' }, 'zh')).toEqual({ text: '北京', lang: 'zh-Hans', fallback: false });
  });

  it('falls back to English and says so', () => {
    expect(pickText({ en: 'Strengthen strategic trust.', fr: 'Renforcer leur confiance stratégique.' }, 'ru')).toEqual({
      text: 'Strengthen strategic trust.',
      lang: 'en',
      fallback: true,
    });
  });

  it("then to the record's languages, in order, then to any language it has", () => {
    expect(pickText({ ru: 'Текст', zh: '文本' }, 'fr', ['zh', 'ru'])).toMatchObject({ text: '文本', fallback: true });
    expect(pickText({ de: 'Text' }, 'fr', ['zh'])).toEqual({ text: 'Text', lang: 'de', fallback: true });
  });

  it('skips blank texts and gives nothing for an empty field', () => {
    expect(pickText({ fr: '  ', en: 'Beijing' }, 'fr')).toMatchObject({ text: 'Beijing', fallback: true });
    expect(pickText({}, 'en')).toBeUndefined();
    expect(pickText(null, 'en')).toBeUndefined();
  });
});
