import { describe, expect, it } from 'vitest';
import { preferredLocale } from './locales.ts';

describe('preferredLocale', () => {
  it('keeps a saved choice', () => {
    expect(preferredLocale('ru', ['fr-FR'])).toBe('ru');
  });
  it('ignores a saved value that is no UI language', () => {
    expect(preferredLocale('de', ['zh-Hans-CN', 'en'])).toBe('zh');
  });
  it("takes the first of the browser's languages it has, by primary subtag", () => {
    expect(preferredLocale(null, ['de-DE', 'FR-ca', 'en'])).toBe('fr');
  });
  it('falls back to English', () => {
    expect(preferredLocale(null, ['de', 'ja'])).toBe('en');
    expect(preferredLocale(null, [])).toBe('en');
  });
});
