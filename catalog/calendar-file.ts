/** Finds and reads the calendar data (`calendar.yaml`) beside the definitions. A shell: it reads files. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { calendarRefs, loadCalendar, type CalendarData, type CalendarRefs } from '../core/calendar';
import type { Problem, ProblemLang } from '../core/definition';

/** The file name of the calendar data in a definitions folder. */
export const CALENDAR_FILE = 'calendar.yaml';

export function isCalendarFile(file: string): boolean {
  return basename(file) === CALENDAR_FILE;
}

/** Reads and checks a calendar file. */
export function loadCalendarFile(file: string, lang: ProblemLang = 'en'): { calendar?: CalendarData; refs?: CalendarRefs; problems: Problem[] } {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return { problems: [{ code: 'read_error', severity: 'error', message: 'cannot read the calendar file', file, line: 1, col: 1, path: [] }] };
  }
  const { calendar, problems } = loadCalendar(source, file, lang);
  return calendar ? { calendar, refs: calendarRefs(calendar, file), problems } : { problems };
}

/** The calendar beside a definition file, if there is one (undefined when absent or broken). */
export function calendarBeside(definitionFile: string): CalendarRefs | undefined {
  const file = join(dirname(definitionFile), CALENDAR_FILE);
  if (!existsSync(file)) return undefined;
  return loadCalendarFile(file).refs;
}
