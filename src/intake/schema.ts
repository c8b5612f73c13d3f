import { z } from 'zod';
import { isPartialDate, marking, partyCode } from '../record/common/fields.ts';
import { DRAFT_EVENT_KINDS, DRAFT_STATEMENT_KINDS, INTAKE_LANGUAGES, type IntakeDraft } from './draft.ts';

/**
 * The intake's HTTP shapes (src/intake/routes.ts): the draft as the API answers it (the shape
 * of ./draft.ts, declared so that the serializer writes exactly it), the extraction request,
 * and the reviewed draft that `POST /api/v1/intake/accept` turns into records.
 */

/** The largest text the intake takes: 10 MiB of UTF-8. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

const span = z.tuple([z.number().int(), z.number().int()]);
const item = <T extends z.ZodType>(value: T) => z.object({ value, confidence: z.number(), span });

const mechanismValue = z.object({
  name: z.string(),
  id: z.string().optional(),
  parties: z.array(z.string()),
  established: z.string().optional(),
  isNew: z.boolean(),
});
const partyValue = z.object({ name: z.string(), code: z.string().optional(), isNew: z.boolean() });
const personValue = z.object({ name: z.string(), title: z.string().nullable(), party: z.string().nullable(), personId: z.string().optional() });
const statementValue = z.object({
  speaker: z.string().nullable(),
  kind: z.enum(DRAFT_STATEMENT_KINDS),
  text: z.string(),
  form: z.enum(['quote', 'gist']),
  party: z.string().nullable(),
  personId: z.string().optional(),
});
const commitmentValue = z.object({ text: z.string(), parties: z.array(z.string()) });
const consensusValue = z.object({ text: z.string(), leaders: z.array(z.string()) });
const positionValue = z.object({ issue: z.string(), holder: z.string().nullable(), supporter: z.string().nullable(), text: z.string() });
const milestoneValue = z.object({ event: z.string(), year: z.number().int(), anniversary: z.number().int().nullable() });
const eventValue = z.object({
  kind: z.enum(DRAFT_EVENT_KINDS),
  title: z.string(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  participants: z.array(z.string()),
});

/** The draft as `POST /api/v1/intake` answers it. */
export const draftSchema = z.object({
  language: z.enum(INTAKE_LANGUAGES),
  mechanism: item(mechanismValue).nullable(),
  round: item(z.number()).nullable(),
  date: item(z.string()).nullable(),
  place: item(z.string()).nullable(),
  parties: z.array(item(partyValue)),
  coChairs: z.array(item(personValue)),
  statements: z.array(item(statementValue)),
  commitments: z.array(item(commitmentValue)),
  consensus: z.array(item(consensusValue)),
  positions: z.array(item(positionValue)),
  milestones: z.array(item(milestoneValue)),
  events: z.array(item(eventValue)),
  notes: z.array(z.string()),
});

// The declared schema and the extractor's type are one shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof draftSchema>, IntakeDraft> = true;
void sameShape;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isPartialDate, 'must be a real date as YYYY-MM-DD');

/** `POST /api/v1/intake`: the text (its size is checked in bytes by the route), its language, when it was published. */
export const extractBody = z.strictObject({
  text: z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }),
  language: z.enum(INTAKE_LANGUAGES, { error: 'must be "fr" or "en"' }).optional(),
  published: isoDay.optional(),
});

// ——— the reviewed draft ———

/**
 * An accepted item as the review page sends it back: its value, possibly edited; the
 * confidence and span of the extraction may come along and are not used.
 */
const reviewed = <T extends z.ZodType>(value: T) => z.object({ value, confidence: z.number().optional(), span: span.optional() });

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const longText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const recordId = z.string().max(100);
const partialDate = z.string().refine(isPartialDate, 'must be a real date as YYYY, YYYY-MM or YYYY-MM-DD');

const reviewedPerson = z.object({
  name,
  title: z.string().trim().max(300, 'must be at most 300 characters').nullable().optional(),
  party: partyCode.nullable().optional(),
  personId: recordId.optional(),
});

/** `POST /api/v1/intake/accept`: the items the secretariat accepted, and where and how to record them. */
export const acceptBody = z.strictObject({
  /** The language of the texts (the communiqué's). */
  language: z.enum(INTAKE_LANGUAGES, { error: 'must be "fr" or "en"' }),
  /** The mechanism the round belongs to: an existing one, by its id (see docs/decisions/0022). */
  mechanism: reviewed(z.object({ id: recordId.optional(), name: z.string().max(300).optional(), parties: z.array(z.string().max(100)).max(20).optional(), isNew: z.boolean().optional() })),
  /** The marking of every record created (default joint). */
  marking: marking.default('joint'),
  /** The host party: a code, null for none; left out, it is taken from an earlier round at the same place. */
  hostParty: partyCode.nullable().optional(),
  round: reviewed(z.number().int('must be a whole number').min(1, 'must be at least 1').max(100000, 'must be at most 100000')),
  date: reviewed(partialDate).nullable().optional(),
  place: reviewed(name).nullable().optional(),
  parties: z.array(reviewed(z.object({ name: z.string().max(200), code: partyCode.optional() }).loose())).max(20).default([]),
  coChairs: z.array(reviewed(reviewedPerson)).max(20).default([]),
  statements: z
    .array(
      reviewed(
        z.object({
          speaker: name.nullable().optional(),
          kind: z.enum(DRAFT_STATEMENT_KINDS),
          text: longText(20000),
          form: z.enum(['quote', 'gist']).default('gist'),
          party: partyCode.nullable().optional(),
          personId: recordId.optional(),
        }),
      ),
    )
    .max(200)
    .default([]),
  commitments: z.array(reviewed(z.object({ text: longText(5000), parties: z.array(partyCode).min(1, 'needs at least one party').max(20) }))).max(200).default([]),
  consensus: z.array(reviewed(z.object({ text: longText(5000), leaders: z.array(name).max(20).default([]) }))).max(50).default([]),
  positions: z
    .array(reviewed(z.object({ issue: longText(300), holder: partyCode.nullable(), supporter: partyCode.nullable().optional(), text: longText(5000) })))
    .max(200)
    .default([]),
  milestones: z
    .array(reviewed(z.object({ event: longText(300), year: z.number().int().min(1000, 'must be a year').max(9999, 'must be a year'), anniversary: z.number().int().nullable().optional() })))
    .max(100)
    .default([]),
  events: z
    .array(
      reviewed(
        z.object({
          kind: z.enum(DRAFT_EVENT_KINDS),
          title: longText(300),
          date: partialDate.nullable(),
          place: name.nullable().optional(),
          participants: z.array(name).max(100).default([]),
        }),
      ),
    )
    .max(100)
    .default([]),
  /** Sent back as the draft had them; not used. */
  notes: z.array(z.string()).optional(),
});
export type AcceptBody = z.infer<typeof acceptBody>;

const ids = z.array(z.string());

/** What an accept created, and the existing records it linked to instead of duplicating them, by kind. */
export const acceptResult = z.object({
  mechanismId: z.string(),
  round: z.object({ id: z.string(), number: z.number() }),
  created: z.object({
    people: ids,
    events: ids,
    consensusItems: ids,
    statements: ids,
    commitments: ids,
    positions: ids,
    supports: ids,
    milestones: ids,
  }),
  linked: z.object({ people: ids, events: ids, positions: ids, milestones: ids }),
});
export type AcceptResult = z.infer<typeof acceptResult>;
