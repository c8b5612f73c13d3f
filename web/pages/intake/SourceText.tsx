import { Fragment, useMemo } from 'react';
import { useT } from '../../i18n/provider.tsx';
import { segments, type ReviewItem } from './review.ts';

/** Where an item's source starts in the text (what "Show in the text" goes to). */
export const anchorId = (key: string) => `intake-src-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
const cardTitleId = (key: string) => `intake-item-${key.replace(/[^A-Za-z0-9]/g, '-')}-title`;

interface Props {
  text: string;
  items: readonly ReviewItem[];
  labels: ReadonlyMap<string, string>;
  active: string | undefined;
  onActive(key: string | undefined): void;
}

/**
 * The source text with every extracted item's span marked. A marked passage is a link to the
 * narrowest item it belongs to; hovering or focusing it shows which item (its card lights up),
 * and the passages of the item whose card is hovered or focused light up here.
 */
export function SourceText({ text, items, labels, active, onActive }: Props) {
  const t = useT();
  const pieces = useMemo(() => segments(text.length, items.filter((i) => i.found)), [text, items]);
  const dropped = useMemo(() => new Set(items.filter((i) => !i.accepted).map((i) => i.key)), [items]);
  const anchored = new Set<string>();
  const goTo = (key: string) => {
    const title = document.getElementById(cardTitleId(key));
    title?.scrollIntoView({ block: 'center' });
    title?.focus();
    onActive(key);
  };
  return (
    // Focusable, so that a long text scrolls from the keyboard; named by the heading above it.
    <div className="intake-text" tabIndex={0} role="region" aria-labelledby="intake-source-title">
      {pieces.map((p) => {
        const piece = text.slice(p.start, p.end);
        if (p.keys.length === 0) return <Fragment key={p.start}>{piece}</Fragment>;
        const first = p.keys.filter((k) => !anchored.has(k));
        first.forEach((k) => anchored.add(k));
        const primary = p.keys[0]!;
        const className = ['intake-mark', active !== undefined && p.keys.includes(active) ? 'is-active' : '', p.keys.every((k) => dropped.has(k)) ? 'is-dropped' : ''].filter(Boolean).join(' ');
        return (
          <Fragment key={p.start}>
            {first.map((k) => (
              <span key={k} id={anchorId(k)} className="intake-anchor" />
            ))}
            <mark className={className}>
              <a
                href={`#${cardTitleId(primary)}`}
                onMouseEnter={() => onActive(primary)}
                onFocus={() => onActive(primary)}
                onClick={(e) => {
                  e.preventDefault();
                  goTo(primary);
                }}
              >
                {piece}
                <span className="visually-hidden"> {t('intake.sourceOf', { label: p.keys.map((k) => labels.get(k) ?? k).join(', ') })}</span>
              </a>
            </mark>
          </Fragment>
        );
      })}
    </div>
  );
}
