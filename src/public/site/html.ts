/**
 * HTML built with a tagged template that escapes every interpolated value unless it is
 * already `Html` (made by this template or by `trusted`). Escaping is the default, so a
 * string from a record or a visitor cannot become markup by omission. (Decision 0019.)
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may stand in a template: text (escaped), markup, or lists of either; nothing renders nothing. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ANY_SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text for HTML content and quoted attribute values alike (and for XML: the same five). */
export function escapeText(s: string): string {
  return ANY_SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]!) : s;
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (typeof part === 'string') return escapeText(part);
  if (typeof part === 'number') return String(part);
  let out = '';
  for (const p of part) out += render(p);
  return out;
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += render(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup from this module's own code (a stylesheet hash, a fixed fragment): never from input. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** An attribute present or absent (`disabled`, `aria-invalid="true"`, `lang="fr"`). */
export function attr(name: string, value: string | null | undefined | false): Html {
  return value === null || value === undefined || value === false ? new Html('') : new Html(` ${name}="${escapeText(value)}"`);
}
