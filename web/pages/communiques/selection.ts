/**
 * The moderation queue's checkboxes: which comments are selected among those shown. A
 * selection never holds a comment that is no longer shown (moderated into another tab, or
 * the tab changed), so that a bulk action acts on exactly what the reader sees ticked.
 */

export type SelectAll = 'all' | 'some' | 'none';

/** The select-all box's state: ticked, mixed (indeterminate) or clear. */
export function selectAllState(selected: ReadonlySet<string>, shown: readonly string[]): SelectAll {
  const ticked = shown.filter((id) => selected.has(id)).length;
  if (ticked === 0) return 'none';
  return ticked === shown.length ? 'all' : 'some';
}

/** Ticking the select-all box selects every comment shown; clearing it (or ticking it when all are) selects none. */
export function toggleAll(selected: ReadonlySet<string>, shown: readonly string[]): Set<string> {
  return selectAllState(selected, shown) === 'all' ? new Set() : new Set(shown);
}

export function toggleOne(selected: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** The selection kept to the comments still shown, in the order they are shown. */
export function selectedShown(selected: ReadonlySet<string>, shown: readonly string[]): string[] {
  return shown.filter((id) => selected.has(id));
}
