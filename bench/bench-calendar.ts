/**
 * The calendar of every engine benchmark: one big office (100 desks at each location, open six
 * days 06–22, 5 minutes per concern), so thousands of bookings neither fill it nor search far
 * ahead, and the booking limit per location raised (it is for people, not for a benchmark).
 */
import { CalendarData } from '../core/calendar';
import { fromCalendarData } from '../activities/calendar';

const hours = Object.fromEntries(['mo', 'di', 'mi', 'do', 'fr', 'sa'].map((d) => [d, ['06:00-22:00']]));

/** As written to `calendar.yaml` for the child processes of the load run. */
export const BENCH_CALENDAR = {
  calendar: 'bench', holidays: 'DE-NW',
  locations: { buer: { name: 'Buer', desks: 100, hours }, horst: { name: 'Horst', desks: 100, hours } },
  concerns: { personalausweis: { label: { de: 'Personalausweis' }, minutes: 5 }, reisepass: { label: { de: 'Reisepass' }, minutes: 5 } },
};

/** `AMTSWEG_BOOKING_LIMITS` for every benchmark process. */
export const BENCH_BOOKING_LIMITS = 'per_location=1000000';

/** The same calendar as engine options (in-process benchmarks). */
export function benchCalendarOptions(): { locations: ReturnType<typeof fromCalendarData>['locations']; concernMinutes: Record<string, number> } {
  const { locations, minutes } = fromCalendarData(CalendarData.parse(BENCH_CALENDAR));
  return { locations, concernMinutes: minutes };
}
