/** The calendar as data: schema, loader with positioned problems, and the ids definitions may name. */
export { CalendarData, CalendarLocation, CalendarConcern, WEEKDAYS, calendarJsonSchemaText, type CalendarRefs } from './schema';
export { loadCalendar, calendarRefs, weekHours } from './load';
