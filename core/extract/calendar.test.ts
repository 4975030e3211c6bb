import { dayNumberToIso, fromDayNumber, isoToDayNumber, isoWeekday, isValidYmd, toDayNumber } from './calendar';

describe('calendar arithmetic without Date', () => {
  it('round-trips every day from 1899 to 2101', () => {
    const first = toDayNumber(1899, 1, 1);
    const last = toDayNumber(2101, 12, 31);
    for (let n = first; n <= last; n++) {
      const { y, m, d } = fromDayNumber(n);
      expect(isValidYmd(y, m, d)).toBe(true);
      if (toDayNumber(y, m, d) !== n) throw new Error(`round trip failed at ${n}`);
    }
    expect(last - first + 1).toBe(203 * 365 + 49); // 49 leap days: 1904…2096, 2000 included, 1900 and 2100 not
  });
  it('knows the epoch, weekdays and leap days', () => {
    expect(toDayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumberToIso(isoToDayNumber('2026-11-26') as number)).toBe('2026-11-26');
    expect(isoWeekday(isoToDayNumber('2026-11-26') as number)).toBe(4); // Thursday
    expect(isoWeekday(isoToDayNumber('1990-05-13') as number)).toBe(7); // Sunday
    expect(isValidYmd(2024, 2, 29)).toBe(true);
    expect(isValidYmd(1900, 2, 29)).toBe(false);
    expect(isValidYmd(2000, 2, 29)).toBe(true);
    expect(isoToDayNumber('2026-02-30')).toBeUndefined();
  });
});
