import { DEFAULT_BOOKING_LIMITS, bookingLimitsFromEnv } from './limits';

describe('AMTSWEG_BOOKING_LIMITS', () => {
  test('unset keeps the defaults; given names override only themselves', () => {
    expect(bookingLimitsFromEnv({})).toEqual(DEFAULT_BOOKING_LIMITS);
    expect(bookingLimitsFromEnv({ AMTSWEG_BOOKING_LIMITS: 'per_location=500, window_minutes=5' }))
      .toEqual({ perContact: DEFAULT_BOOKING_LIMITS.perContact, perLocation: 500, windowMinutes: 5 });
  });

  test('an unknown name or a value that is not a positive whole number is refused, naming the part', () => {
    expect(() => bookingLimitsFromEnv({ AMTSWEG_BOOKING_LIMITS: 'per_desk=3' })).toThrow(/"per_desk=3".*per_contact, per_location, window_minutes/);
    expect(() => bookingLimitsFromEnv({ AMTSWEG_BOOKING_LIMITS: 'per_contact=0' })).toThrow(/per_contact=0/);
    expect(() => bookingLimitsFromEnv({ AMTSWEG_BOOKING_LIMITS: 'per_location=1e9' })).toThrow(/per_location=1e9/);
  });
});
