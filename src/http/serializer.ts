import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';

/**
 * Responses are written by fast-json-stringify from the JSON Schema of each route's declared
 * zod response schema: only declared properties are emitted (undeclared fields never leave),
 * without re-validating every value the server itself produced. Requests are still parsed by
 * zod in full.
 */
const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  // Routes share schemas (every error is a problem, every record kind has one schema):
  // compile each once.
  let serialize = compiled.get(schema);
  if (!serialize) {
    const json = forSerializing(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' }));
    serialize = fastJson(json as Parameters<typeof fastJson>[0]);
    compiled.set(schema, serialize);
  }
  return serialize;
};

type Json = { [key: string]: unknown };

/**
 * The JSON Schema as a serializer needs it: `anyOf: [X, null]` (how zod writes nullable) becomes
 * `type: [X, "null"]`, which fast-json-stringify writes directly instead of testing each value
 * against both branches; validation keywords, which a serializer ignores, are dropped.
 */
function forSerializing(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forSerializing);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (['pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'propertyNames', '$schema'].includes(k)) continue;
    out[k] = k === 'properties' || k === 'definitions' ? Object.fromEntries(Object.entries(v as Json).map(([n, s]) => [n, forSerializing(s)])) : forSerializing(v);
  }
  const anyOf = out.anyOf as Json[] | undefined;
  if (anyOf?.length === 2) {
    const other = anyOf.find((b) => b.type !== 'null');
    const hasNull = anyOf.some((b) => b.type === 'null');
    if (hasNull && other && typeof other.type === 'string') {
      delete out.anyOf;
      return { ...out, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}
