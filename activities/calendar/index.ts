/** The appointment calendar: locations, slot rules and the booking actions over the shared store. */
export { GELSENKIRCHEN_LOCATIONS, findLocation, fromCalendarData, type Location, type DayHours } from './locations';
export { CONCERN_MINUTES, OTHER_CONCERN_MINUTES, durationFor, isPublicHolidayNW, openingHours, berlinDateTime } from './slots';
export { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './limits';
export { book, cancel, freeSlots, SEARCH_DAYS, type BookingResult, type CalendarOptions, type CancelResult } from './actions';
