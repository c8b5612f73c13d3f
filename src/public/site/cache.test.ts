import { describe, expect, it } from 'vitest';
import { RenderCache } from './cache.ts';

describe('RenderCache', () => {
  it('answers only under the stamp the answer was kept with', () => {
    const cache = new RenderCache<Buffer>(1000);
    cache.set('page', 's1', Buffer.from('one'));
    expect(cache.get('page', 's1')?.toString()).toBe('one');
    expect(cache.get('page', 's2')).toBeUndefined();
    cache.set('page', 's2', Buffer.from('two'));
    expect(cache.get('page', 's1')).toBeUndefined();
    expect(cache.get('page', 's2')?.toString()).toBe('two');
  });

  it('stays within its bytes, dropping the least recently used first, and keeps nothing too big', () => {
    const cache = new RenderCache<Buffer>(100);
    const kb = (c: string) => Buffer.alloc(40, c);
    cache.set('a', 's', kb('a'));
    cache.set('b', 's', kb('b'));
    cache.get('a', 's'); // a is now the most recent
    cache.set('c', 's', kb('c'));
    expect(cache.get('b', 's')).toBeUndefined();
    expect(cache.get('a', 's')).toBeDefined();
    expect(cache.get('c', 's')).toBeDefined();
    cache.set('huge', 's', Buffer.alloc(200));
    expect(cache.get('huge', 's')).toBeUndefined();
    expect(cache.get('a', 's')).toBeDefined();
  });
});
