/** JSON Schema for pack authors' editors, derived from the zod schema (input side: what authors write). */
import { z } from 'zod';
import { packSchema } from './schema';

export function packJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(packSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}
