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

/**
 * The limits with the operator's overrides from `AMTSWEG_BOOKING_LIMITS`, e.g.
 * `per_location=500,window_minutes=10` (a large office, or a load test); unset: the defaults.
 */
export function bookingLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): BookingLimits {
  const text = env.AMTSWEG_BOOKING_LIMITS?.trim();
  if (!text) return DEFAULT_BOOKING_LIMITS;
  const names: Record<string, keyof BookingLimits> = { per_contact: 'perContact', per_location: 'perLocation', window_minutes: 'windowMinutes' };
  const out = { ...DEFAULT_BOOKING_LIMITS };
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    const key = names[name];
    if (!key || !/^[1-9]\d*$/.test(value ?? '')) {
      throw new Error(`AMTSWEG_BOOKING_LIMITS: "${part}" is not <name>=<positive whole number>; names: ${Object.keys(names).join(', ')} (e.g. per_location=500,window_minutes=10).`);
    }
    out[key] = Number(value);
  }
  return out;
}
