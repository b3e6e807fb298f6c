import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultWorkingDays, isOpenAt, localTime, nextOpening, type WorkingDay } from '../../../common/working-hours.js';

const at = (iso: string) => Date.parse(iso);
/** Every day open `open`–`close` (hours). */
const everyDay = (open: number, close: number): WorkingDay[] => [0, 1, 2, 3, 4, 5, 6].map((day) => ({
  day_of_week: day, closed_all_day: false, open_all_day: false, open_hour: open, open_minutes: 0, close_hour: close, close_minutes: 0,
}));

describe('weekly schedule in the inbox time zone', () => {
  it('reads the local weekday and time through DST changes', () => {
    // 2026-03-08 is the day New York moves to daylight time (UTC-5 → UTC-4).
    assert.deepEqual(localTime(at('2026-03-08T06:30:00Z'), 'America/New_York'), { day: 0, minutes: 60 + 30 });
    assert.deepEqual(localTime(at('2026-03-08T13:30:00Z'), 'America/New_York'), { day: 0, minutes: 9 * 60 + 30 });
    assert.deepEqual(localTime(at('2026-01-05T22:00:00Z'), 'Australia/Sydney'), { day: 2, minutes: 9 * 60 });
    assert.deepEqual(localTime(at('2026-01-05T22:00:00Z'), 'Nowhere/Unknown'), { day: 1, minutes: 22 * 60 });
  });

  it('is open between opening (included) and closing (excluded), in the zone, after a DST change', () => {
    const days = everyDay(9, 17);
    assert.equal(isOpenAt(days, 'America/New_York', at('2026-03-08T13:00:00Z')), true);
    assert.equal(isOpenAt(days, 'America/New_York', at('2026-03-08T12:59:00Z')), false);
    assert.equal(isOpenAt(days, 'America/New_York', at('2026-03-08T21:00:00Z')), false);
    assert.equal(isOpenAt(days, 'America/New_York', at('2026-03-07T14:00:00Z')), true);
    assert.equal(isOpenAt(days, 'America/New_York', at('2026-03-07T13:59:00Z')), false);
  });

  it('honours closed_all_day and open_all_day, and the local weekday', () => {
    const days = defaultWorkingDays();
    // Monday 22:00 UTC is Tuesday 09:00 in Sydney: open there, closed in UTC.
    assert.equal(isOpenAt(days, 'Australia/Sydney', at('2026-01-05T22:00:00Z')), true);
    assert.equal(isOpenAt(days, 'UTC', at('2026-01-05T22:00:00Z')), false);
    assert.equal(isOpenAt(days, 'UTC', at('2026-01-04T12:00:00Z')), false);
    days[0] = { ...days[0], closed_all_day: false, open_all_day: true };
    assert.equal(isOpenAt(days, 'UTC', at('2026-01-04T00:00:00Z')), true);
    assert.equal(isOpenAt(days, 'UTC', at('2026-01-04T23:59:59Z')), true);
  });

  it('finds the next opening: later today, tomorrow, or after closed days', () => {
    const days = defaultWorkingDays();
    assert.deepEqual(nextOpening(days, 'UTC', at('2026-01-05T07:00:00Z')), { daysAhead: 0, minutesUntil: 120, day: 1, hour: 9, minute: 0 });
    assert.deepEqual(nextOpening(days, 'UTC', at('2026-01-05T18:00:00Z')), { daysAhead: 1, minutesUntil: 15 * 60, day: 2, hour: 9, minute: 0 });
    assert.deepEqual(nextOpening(days, 'UTC', at('2026-01-09T18:00:00Z'))?.daysAhead, 3);
    assert.equal(nextOpening(days.map((d) => ({ ...d, closed_all_day: true })), 'UTC', at('2026-01-05T07:00:00Z')), null);
  });
});
