import { describe, expect, it } from 'vitest';
import { selectAllState, selectedShown, toggleAll, toggleOne } from './selection.ts';

describe('the moderation queue’s selection', () => {
  const shown = ['c3', 'c2', 'c1'];

  it('says whether all, some or none of the comments shown are ticked', () => {
    expect(selectAllState(new Set(), shown)).toBe('none');
    expect(selectAllState(new Set(['c2']), shown)).toBe('some');
    expect(selectAllState(new Set(shown), shown)).toBe('all');
    // A comment no longer shown does not count.
    expect(selectAllState(new Set(['gone']), shown)).toBe('none');
    expect(selectAllState(new Set(), [])).toBe('none');
  });

  it('ticks every comment shown from none or some, and clears them from all', () => {
    expect([...toggleAll(new Set(), shown)]).toEqual(shown);
    expect([...toggleAll(new Set(['c1']), shown)]).toEqual(shown);
    expect([...toggleAll(new Set(shown), shown)]).toEqual([]);
  });

  it('ticks and clears one, and acts only on those still shown, in their order', () => {
    let selected = toggleOne(new Set(), 'c1', true);
    selected = toggleOne(selected, 'c3', true);
    selected = toggleOne(selected, 'c1', false);
    expect([...selected]).toEqual(['c3']);
    expect(selectedShown(new Set(['c1', 'gone', 'c3']), shown)).toEqual(['c3', 'c1']);
  });
});
