/** Loads `calendar.yaml` with positioned problems, like a definition; pure and total. */
import { createReporter } from '../definition/report';
import { sortProblems, type Problem, type ProblemLang } from '../definition/problem';
import { parseYamlSource } from '../definition/yaml-source';
import { reportIssues } from '../definition/zod-issues';
import { CalendarData, WEEKDAYS, type CalendarRefs } from './schema';

/** Parses and validates a calendar file. `calendar` is set only without errors. */
export function loadCalendar(source: string, file: string, lang: ProblemLang = 'en'): { calendar?: CalendarData; problems: Problem[] } {
  const src = parseYamlSource(source);
  const r = createReporter(src, file, lang);
  for (const s of src.syntax) {
    r.problems.push({ code: 'yaml_syntax', severity: 'error', message: `YAML syntax error: ${s.message.split('\n')[0]}`, file, line: 1, col: 1, path: [] });
  }
  const parsed = CalendarData.safeParse(src.value);
  if (!parsed.success) reportIssues(parsed.error.issues, [], src.value, CalendarData, r);
  if (parsed.success) {
    for (const [id, loc] of Object.entries(parsed.data.locations)) {
      for (const day of WEEKDAYS) {
        for (const [i, span] of (loc.hours[day] ?? []).entries()) {
          const [from, to] = span.split('-');
          if (from >= to) r.problems.push(problemAt(src, file, ['locations', id, 'hours', day, i], `opening hours "${span}" end before they start`, 'write the earlier time first, e.g. "08:00-12:30"'));
        }
      }
    }
  }
  const problems = sortProblems(r.problems);
  return parsed.success && problems.every((p) => p.severity !== 'error') ? { calendar: parsed.data, problems } : { problems };
}

function problemAt(src: ReturnType<typeof parseYamlSource>, file: string, path: (string | number)[], message: string, hint: string): Problem {
  const at = src.valueAt(path);
  return { code: 'calendar_hours', severity: 'error', message, hint, file, line: at.line, col: at.col, path };
}

/** The ids a definition may name. */
export function calendarRefs(calendar: CalendarData, file: string): CalendarRefs {
  return { file, locations: Object.keys(calendar.locations), concerns: Object.keys(calendar.concerns) };
}

/** Opening hours in the shape the calendar action uses: index 0 = Monday … 6 = Sunday (always closed). */
export function weekHours(hours: CalendarData['locations'][string]['hours']): [string, string][][] {
  const days: [string, string][][] = WEEKDAYS.map((d) => (hours[d] ?? []).map((s) => s.split('-') as [string, string]));
  return [...days, []];
}
