/**
 * `calendar.book` and `calendar.free_slots` steps against the calendar data: every location and
 * concern they can name must exist there (a literal, a list of literals, or every value of the
 * enum slot they read). Unknown ones are errors with did-you-mean, not a 15-minute default.
 */
import type { CalendarRefs } from '../calendar/schema';
import { entriesOf, flowSteps, isObject, type Path } from './raw-access';
import type { Reporter } from './report';
import { didYouMean } from './suggest';

const CALENDAR_ACTIONS = ['calendar.book', 'calendar.free_slots'];

/** The ids an input expression can stand for, with their offset in the expression; null when unknown. */
function idsOf(expr: string, raw: Record<string, unknown>): { id: string; at: number; slot?: string }[] | null {
  const e = expr.trim();
  const literals = [...e.matchAll(/"([^"]*)"/g)];
  if (literals.length > 0 && /^\[?\s*"[^"]*"(\s*,\s*"[^"]*")*\s*\]?$/.test(e)) {
    return literals.map((m) => ({ id: m[1], at: expr.indexOf(m[0]) + 1 }));
  }
  if (/^[a-z][a-z0-9_]*$/.test(e)) {
    const slot = isObject(raw.slots) ? raw.slots[e] : undefined;
    if (isObject(slot) && slot.type === 'enum' && isObject(slot.values)) return Object.keys(slot.values).map((id) => ({ id, at: 0, slot: e }));
  }
  return null;
}

export function checkCalendar(raw: unknown, r: Reporter, calendar: CalendarRefs | undefined): void {
  if (!calendar || !isObject(raw)) return;
  for (const { step, path } of flowSteps(raw)) {
    if (typeof step.action !== 'string' || !CALENDAR_ACTIONS.includes(step.action)) continue;
    for (const [key, kind, known] of [['location', 'location', calendar.locations], ['concerns', 'concern', calendar.concerns]] as const) {
      const expr = entriesOf(step.with).find(([k]) => k === key)?.[1];
      if (typeof expr !== 'string') continue;
      for (const ref of idsOf(expr, raw) ?? []) {
        if (known.includes(ref.id)) continue;
        const where: Path = ref.slot ? ['slots', ref.slot, 'values', ref.id] : [...path, 'with', key];
        r.add('unknown_calendar_ref', { kind, name: ref.id, known, suggestion: didYouMean(ref.id, known), calendar: calendar.file }, where,
          ref.slot ? 'key' : { char: ref.at });
      }
    }
  }
}
