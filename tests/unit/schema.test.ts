import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../lib/packs/json-schema';

describe('rules/pack.schema.json', () => {
  it('is generated from the zod schema and checked in current (npm run schema)', () => {
    const checkedIn = readFileSync(new URL('../../rules/pack.schema.json', import.meta.url), 'utf8');
    expect(checkedIn).toBe(JSON.stringify(packJsonSchema(), null, 2) + '\n');
  });
});
