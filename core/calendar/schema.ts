/**
 * The calendar as designer-owned data (`definitions/calendar.yaml`): locations with opening
 * hours and desks, and the concerns an appointment can be for, with their durations.
 */
import { z } from 'zod';

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'use lower-case letters, digits and _' });
const Span = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'write opening hours as "08:00-12:30"' });
const Day = z.array(Span).describe('Opening hours of the day, e.g. ["08:00-12:30", "13:30-16:00"]; [] or absent: closed');

export const WEEKDAYS = ['mo', 'di', 'mi', 'do', 'fr', 'sa'] as const;

export const CalendarLocation = z.object({
  name: z.string().min(1).describe('Name shown to citizens, e.g. Hans-Sachs-Haus ({termin.location_name})'),
  desks: z.number().int().min(1).max(100).default(1).describe('Desks serving in parallel'),
  hours: z.object({ mo: Day.optional(), di: Day.optional(), mi: Day.optional(), do: Day.optional(), fr: Day.optional(), sa: Day.optional() })
    .strict().describe('Opening hours per weekday (mo, di, mi, do, fr, sa); Sundays and public holidays are always closed'),
  address: z.string().optional(),
}).strict();

export const CalendarConcern = z.object({
  label: z.union([z.string().min(1), z.object({ de: z.string().min(1) }).catchall(z.string())]).optional(),
  minutes: z.number().int().min(5).max(480).describe('Length of the appointment for this concern; several concerns add up'),
}).strict();

export const CalendarData = z.object({
  $schema: z.string().optional(),
  calendar: z.string().min(1).describe('Name of this calendar, e.g. gelsenkirchen'),
  holidays: z.string().regex(/^[A-Z]{2}(-[A-Z]{2})?$/).default('DE-NW').describe('Public holidays to close on, e.g. DE-NW'),
  locations: z.record(Id, CalendarLocation).refine((r) => Object.keys(r).length > 0, { message: 'list at least one location' }),
  concerns: z.record(Id, CalendarConcern).refine((r) => Object.keys(r).length > 0, { message: 'list at least one concern' }),
}).strict();

export type CalendarData = z.infer<typeof CalendarData>;

/** What a definition check needs to know of a calendar. */
export interface CalendarRefs { file: string; locations: string[]; concerns: string[] }

/** JSON Schema of calendar.yaml for editors (`schema/calendar.schema.json`). */
export function calendarJsonSchemaText(): string {
  const generated = z.toJSONSchema(CalendarData, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = { $schema, $id: 'https://amtsweg.example/schema/calendar.schema.json', title: 'amtsweg calendar', description: 'Locations, opening hours, desks and concerns with durations.', ...rest };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
