/** Writes schema/service.schema.json and schema/audit-bundle.schema.json from their zod schemas. Run: npm run schema */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditBundleJsonSchemaText } from '../audit/bundle-schema';
import { submissionJsonSchemaText } from '../channels/fachverfahren/schema';
import { calendarJsonSchemaText } from '../core/calendar';
import { JSON_SCHEMA_PATH, serviceJsonSchemaText } from '../core/definition';

const target = path.resolve(__dirname, '..', JSON_SCHEMA_PATH);
writeFileSync(target, serviceJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);

const bundle = path.resolve(__dirname, '..', 'schema', 'audit-bundle.schema.json');
writeFileSync(bundle, auditBundleJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), bundle)}\n`);

const calendar = path.resolve(__dirname, '..', 'schema', 'calendar.schema.json');
writeFileSync(calendar, calendarJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), calendar)}\n`);

const submission = path.resolve(__dirname, '..', 'schema', 'submission.schema.json');
writeFileSync(submission, submissionJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), submission)}\n`);
