import { addDuration } from './timers';
import { SessionError } from './errors';

describe('addDuration', () => {
  it('adds ISO durations to instants', () => {
    expect(addDuration('2026-03-01T09:00:00.000Z', 'PT10M')).toBe('2026-03-01T09:10:00.000Z');
    expect(addDuration('2026-03-01T09:00:00Z', 'P1DT2H30S')).toBe('2026-03-02T11:00:30.000Z');
    expect(addDuration('2026-01-31T00:00:00.000Z', 'P1M')).toBe('2026-03-03T00:00:00.000Z');
    expect(addDuration('2026-03-01T09:00:00.000+01:00', 'P1W')).toBe('2026-03-08T08:00:00.000Z');
  });

  it('explains bad input', () => {
    expect(() => addDuration('gestern', 'PT10M')).toThrow(SessionError);
    expect(() => addDuration('2026-03-01T09:00:00Z', '10 Minuten')).toThrow(/durations like PT10M/);
  });
});
