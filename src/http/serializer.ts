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
    const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' });
    serialize = fastJson(json as Parameters<typeof fastJson>[0]);
    compiled.set(schema, serialize);
  }
  return serialize;
};
