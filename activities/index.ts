/** Side effects the session core asks for: appointment calendar, notifications, and any registered action. */
export { createActionRegistry } from './registry';
export { BUILT_IN_ACTIONS } from './specs';
export { ActionError } from './errors';
export type { ActionContext, ActionHandler, ActionRegistry, ActionRegistryDeps, Sealer } from './types';
export { readOutbox, enqueueNotification, channelOf, type OutboxEntry } from './notify';
export {
  GELSENKIRCHEN_LOCATIONS, fromCalendarData, CONCERN_MINUTES, durationFor, isPublicHolidayNW, openingHours, type Location, type BookingResult,
} from './calendar';
