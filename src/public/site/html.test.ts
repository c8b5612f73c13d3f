import { describe, expect, it } from 'vitest';
import { attr, html, trusted } from './html.ts';
import { xml } from './feed.ts';
import { paragraphs, pick } from './text.ts';

describe('html', () => {
  it('escapes every value unless it is markup made here', () => {
    const evil = `<img src=x onerror="alert('1')"> & co`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co</p>',
    );
    expect(html`<ul>${['<a>', html`<li>ok</li>`, null, undefined, false, 3]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li>3</ul>');
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
    expect(html`<x${attr('lang', 'fr')}${attr('hidden', undefined)}${attr('title', '"')}>`.value).toBe('<x lang="fr" title="&quot;">');
  });

  it('drops what XML cannot carry at all, and escapes the rest', () => {
    expect(xml('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f & <g> ]]>')).toBe('abcdef &amp; &lt;g&gt; ]]&gt;');
    expect(xml('tab\tline\nok 😀')).toBe('tab\tline\nok 😀');
  });
});

describe('texts', () => {
  it('picks the reader’s language, a regional form of it, or the first language, marked', () => {
    expect(pick({ fr: 'Bonjour', en: 'Hello' }, 'en')).toEqual({ value: 'Hello', lang: 'en', fallback: false });
    expect(pick({ fr: 'Bonjour', 'zh-Hans': '你好' }, 'zh')).toEqual({ value: '你好', lang: 'zh-Hans', fallback: false });
    expect(pick({ fr: 'Bonjour', en: 'Hello' }, 'ru')).toEqual({ value: 'Bonjour', lang: 'fr', fallback: true });
    expect(pick({}, 'en')).toBeUndefined();
    expect(pick(null, 'en')).toBeUndefined();
  });

  it('writes paragraphs and line breaks, escaped', () => {
    expect(paragraphs('One <b>\nline two\n\n\nTwo').map((p) => p.value)).toEqual(['<p>One &lt;b&gt;<br>line two</p>', '<p>Two</p>']);
  });
});
