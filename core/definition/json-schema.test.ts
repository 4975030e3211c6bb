import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { JSON_SCHEMA_PATH, serviceJsonSchema, serviceJsonSchemaText } from './index';

const committed = readFileSync(path.resolve(__dirname, '..', '..', JSON_SCHEMA_PATH), 'utf8');
const sample = parse(readFileSync(path.join(__dirname, 'fixtures', 'personalausweis.yaml'), 'utf8'));
// An independent reading of the JSON Schema (zod's JSON Schema importer), not the zod schema it came from.
const fromJson = z.fromJSONSchema(JSON.parse(committed));

describe('JSON Schema for editors', () => {
  it('the committed schema/service.schema.json is up to date (run: npx tsx scripts/generate-schema.ts)', () => {
    expect(committed).toBe(serviceJsonSchemaText());
  });

  it('keeps recursive flow steps in $defs and carries descriptions', () => {
    const s = serviceJsonSchema() as { $defs: Record<string, unknown>; properties: Record<string, { items?: unknown; description?: string }> };
    expect(Object.keys(s.$defs)).toEqual(['FlowStep']);
    expect(s.properties.flow.items).toEqual({ $ref: '#/$defs/FlowStep' });
    expect(JSON.stringify(s)).toContain('The question that asks for this slot');
    // The input side: defaults are optional and `version` may be written as a number.
    expect((s as unknown as { required: string[] }).required.sort()).toEqual(['flow', 'outcomes', 'privacy', 'service', 'slots', 'title', 'version']);
  });

  it('accepts the sample definition', () => {
    const r = fromJson.safeParse(sample);
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it('rejects a typo in a nested flow step and a wrong slot type', () => {
    expect(fromJson.safeParse({ ...sample, flow: [{ if: 'x', then: [{ colect: ['a'] }] }] }).success).toBe(false);
    expect(fromJson.safeParse({ ...sample, slots: { a: { type: 'dat', ask: 'x' } } }).success).toBe(false);
  });
});
