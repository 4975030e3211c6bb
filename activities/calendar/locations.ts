/**
 * Appointment locations. The defaults are the four BÜRGERcenter of Gelsenkirchen.
 *
 * ASSUMED opening hours: the real ones change and were not verified (domain notes mark the
 * 2021 details as uncertain). Deployments pass their own list to `createActionRegistry`.
 */
import { weekHours, type CalendarData } from '../../core/calendar';

/** Opening hours of one weekday as [from, to) pairs 'HH:MM'. */
export type DayHours = [string, string][];

export interface Location {
  /** Id as used in definitions (enum value ids are snake_case). */
  id: string;
  /** Short name; definitions write "im BÜRGERcenter {termin.location_name}". */
  name: string;
  /** Index 0 = Monday … 6 = Sunday. Sunday is always closed, whatever is configured. */
  hours: [DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours];
  /** Desks serving in parallel; each books independently. */
  desks: number;
}

const weekdays = (mon: DayHours, tue: DayHours, wed: DayHours, thu: DayHours, fri: DayHours, sat: DayHours = []) =>
  [mon, tue, wed, thu, fri, sat, []] as Location['hours'];

/** The four Gelsenkirchen BÜRGERcenter with ASSUMED hours (see file comment). */
export const GELSENKIRCHEN_LOCATIONS: Location[] = [
  {
    id: 'hans_sachs_haus',
    name: 'Hans-Sachs-Haus',
    hours: weekdays([['08:00', '16:00']], [['08:00', '16:00']], [['08:00', '13:00']], [['08:00', '18:00']], [['08:00', '13:00']], [['09:00', '12:00']]),
    desks: 1,
  },
  {
    id: 'buer',
    name: 'Buer',
    hours: weekdays([['08:00', '16:00']], [['08:00', '16:00']], [['08:00', '13:00']], [['08:00', '18:00']], [['08:00', '13:00']]),
    desks: 1,
  },
  {
    id: 'erle',
    name: 'Erle',
    hours: weekdays([['08:00', '12:30']], [['08:00', '12:30'], ['13:30', '16:00']], [['08:00', '12:30']], [['08:00', '12:30'], ['13:30', '18:00']], [['08:00', '12:30']]),
    desks: 1,
  },
  {
    id: 'horst',
    name: 'Horst',
    hours: weekdays([['08:00', '12:30']], [['08:00', '12:30'], ['13:30', '16:00']], [['08:00', '12:30']], [['08:00', '12:30'], ['13:30', '18:00']], [['08:00', '12:30']]),
    desks: 1,
  },
];

/** Finds a location by id, by id with '-' for '_', or by (part of) its name, case-insensitively. */
export function findLocation(locations: Location[], wanted: string): Location | undefined {
  const key = wanted.trim().toLowerCase().replace(/[-\s]+/g, '_');
  return (
    locations.find((l) => l.id === key) ??
    locations.find((l) => l.name.toLowerCase().replace(/[-\s]+/g, '_').endsWith(key))
  );
}

/** Locations and minutes per concern from the designer-owned calendar data (`calendar.yaml`). */
export function fromCalendarData(data: CalendarData): { locations: Location[]; minutes: Record<string, number> } {
  const locations = Object.entries(data.locations).map(([id, l]) => ({ id, name: l.name, desks: l.desks, hours: weekHours(l.hours) as Location['hours'] }));
  const minutes = Object.fromEntries(Object.entries(data.concerns).map(([id, c]) => [id, c.minutes]));
  return { locations, minutes };
}
