/** Writes schema/service.schema.json from the zod schema. Run: npx tsx scripts/generate-schema.ts */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA_PATH, serviceJsonSchemaText } from '../core/definition';

const target = path.resolve(__dirname, '..', JSON_SCHEMA_PATH);
writeFileSync(target, serviceJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
