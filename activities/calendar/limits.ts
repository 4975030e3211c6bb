/** Limits that stop one person from filling a calendar (issue 12); enforced in the store's booking transaction. */
export interface BookingLimits {
  /** Open (not cancelled, not past) appointments one contact address may hold. */
  perContact: number;
  /** New bookings one location takes within `windowMinutes`. */
  perLocation: number;
  windowMinutes: number;
}

export const DEFAULT_BOOKING_LIMITS: BookingLimits = { perContact: 2, perLocation: 12, windowMinutes: 10 };
