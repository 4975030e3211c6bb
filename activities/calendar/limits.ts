/** Limits that stop one person from filling a calendar (issue 12); enforced in the store's booking transaction. */
export interface BookingLimits {
  /** Open (not cancelled, not past) appointments one contact address may hold. */
  perContact: number;
  /** New bookings one location takes within `windowMinutes`. */
  perLocation: number;
  windowMinutes: number;
}

/**
 * Defaults: two open appointments per address (the attack of issue 12 used one address); a location
 * takes 60 new bookings in 10 minutes, far above a real office's pace (two processes booking 50 at
 * once must still work), so only a flood meets it.
 */
export const DEFAULT_BOOKING_LIMITS: BookingLimits = { perContact: 2, perLocation: 60, windowMinutes: 10 };
