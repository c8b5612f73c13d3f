import type { FieldError } from '../../api/client.ts';
import type { Marking } from '../../api/types.ts';
import { inputOfInstant, instantOfInput, localTimeZone } from '../../i18n/instant.ts';
import type { FieldDesc } from './kinds.ts';

/**
 * The form engine's pure part: the values a form holds (strings, as inputs hold them), the
 * request body made from them, the changes an edit sends, and where the API's field errors
 * (problem+json `errors[].field`, a JSON path such as `text.fr` or `coChairs.1.personId`) go.
 */

export type FieldValue = string | string[] | Record<string, string>;
export type Values = Record<string, FieldValue> & { marking: Marking };
export type Payload = Record<string, unknown>;

/**
 * The values of a new record (prefilled from the query) or of a record being edited. An
 * instant is held as the datetime-local value of the reader's time zone (`timeZone`).
 */
export function initialValues(
  fields: readonly FieldDesc[],
  record: Record<string, unknown> | undefined,
  prefill: Readonly<Record<string, string>>,
  defaultMarking: Marking,
  timeZone: string = localTimeZone(),
): Values {
  const values: Values = { marking: (record?.marking as Marking | undefined) ?? defaultMarking };
  for (const f of fields) {
    const stored = record?.[f.name];
    switch (f.type) {
      case 'multilingual':
        values[f.name] = { ...((stored as Record<string, string> | null | undefined) ?? {}) };
        break;
      case 'parties':
      case 'references':
        values[f.name] = record ? [...((stored as string[] | null | undefined) ?? [])] : prefill[f.name] ? [prefill[f.name]!] : [];
        break;
      case 'coChairs': {
        const chairs: Record<string, string> = {};
        for (const c of (stored as Array<{ party: string; personId: string }> | null | undefined) ?? []) chairs[c.party] = c.personId;
        values[f.name] = chairs;
        break;
      }
      case 'instant':
        values[f.name] = typeof stored === 'string' ? inputOfInstant(stored, timeZone) : record ? '' : (prefill[f.name] ?? '');
        break;
      default: {
        const fallback = f.type === 'select' && !f.required ? (f.options[0] ?? '') : '';
        values[f.name] = record ? (stored === null || stored === undefined ? '' : String(stored)) : (prefill[f.name] ?? fallback);
      }
    }
  }
  return values;
}

/**
 * The request body. An empty optional input is left out of a new record and sent as null in
 * an edit (clearing it); a required one is sent as it is, so that the API names the field.
 * An instant goes out in UTC (a value that is no date and time as typed, for the API to name).
 */
export function toPayload(
  fields: readonly FieldDesc[],
  values: Values,
  mode: 'create' | 'update',
  mechanismParties: readonly string[],
  timeZone: string = localTimeZone(),
): Payload {
  const body: Payload = { marking: values.marking };
  const empty = (f: FieldDesc, raw: string): void => {
    if (f.required) body[f.name] = f.type === 'number' ? null : raw;
    else if (mode === 'update') body[f.name] = null;
  };
  for (const f of fields) {
    const v = values[f.name];
    switch (f.type) {
      case 'multilingual': {
        const texts: Record<string, string> = {};
        for (const [lang, s] of Object.entries((v as Record<string, string> | undefined) ?? {})) if (s.trim() !== '') texts[lang] = s;
        body[f.name] = texts;
        break;
      }
      case 'parties':
      case 'references':
        body[f.name] = [...((v as string[] | undefined) ?? [])];
        break;
      case 'coChairs': {
        const chairs = (v as Record<string, string> | undefined) ?? {};
        body[f.name] = mechanismParties.filter((p) => chairs[p]).map((party) => ({ party, personId: chairs[party]! }));
        break;
      }
      default: {
        const raw = typeof v === 'string' ? v.trim() : '';
        if (raw === '') empty(f, raw);
        else if (f.type === 'instant') body[f.name] = instantOfInput(raw, timeZone) ?? raw;
        else if (f.type === 'number' || (f.type === 'select' && f.numeric)) body[f.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
        else body[f.name] = raw;
      }
    }
  }
  return body;
}

/** The part of `next` that differs from `before`: what an edit (PATCH) sends. */
export function changes(next: Payload, before: Payload): Payload {
  const out: Payload = {};
  for (const [k, v] of Object.entries(next)) if (JSON.stringify(v) !== JSON.stringify(before[k] ?? null)) out[k] = v;
  return out;
}

/** The key of one input: a field's name, `name.lang` for a language of a text, `name.party` for a co-chair. */
export type InputKey = string;

/**
 * The input an API field path belongs to, or undefined when the form has none for it (the
 * error is then shown in the summary only). A path inside a group that has no input of its own
 * (`parties.1`, `text.xx` for a language not shown) goes to the group.
 */
export function inputOf(path: string, fields: readonly FieldDesc[], payload: Payload, languages: readonly string[]): InputKey | undefined {
  const [name = '', second] = path.split('.');
  if (name === 'marking') return 'marking';
  const field = fields.find((f) => f.name === name);
  if (!field) return undefined;
  if (field.type === 'multilingual' && second !== undefined && languages.includes(second)) return `${name}.${second}`;
  if (field.type === 'coChairs' && second !== undefined && /^\d+$/.test(second)) {
    const chair = (payload[name] as Array<{ party: string }> | undefined)?.[Number(second)];
    return chair ? `${name}.${chair.party}` : name;
  }
  return name;
}

export interface PlacedErrors {
  /** Message(s) per input key. */
  byInput: Map<InputKey, string>;
  /** Errors no input of the form shows (a hidden field, the body as a whole). */
  unplaced: FieldError[];
}

/** Every field error of a refused request, at its input. */
export function placeErrors(errors: readonly FieldError[], fields: readonly FieldDesc[], payload: Payload, languages: readonly string[]): PlacedErrors {
  const byInput = new Map<InputKey, string>();
  const unplaced: FieldError[] = [];
  for (const e of errors) {
    const key = inputOf(e.field, fields, payload, languages);
    if (key === undefined) unplaced.push(e);
    else byInput.set(key, byInput.has(key) ? `${byInput.get(key)!} ${e.message}` : e.message);
  }
  return { byInput, unplaced };
}

/** The DOM id of an input (keys hold dots and language tags: kept readable, made id-safe). */
export function inputId(key: InputKey): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
