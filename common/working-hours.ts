/**
 * An inbox's weekly schedule (Chatwoot's `working_hours`), read in the inbox's time zone.
 * Used by the server (out-of-office replies) and the widget (online / "back at" text), so it
 * imports nothing. Local times come from Intl in the named zone, so DST changes need no care.
 */

/** One day of the week (0 = Sunday) as stored and sent. */
export interface WorkingDay {
  day_of_week: number;
  closed_all_day: boolean;
  open_all_day: boolean;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
}

/** Chatwoot's schedule for a new inbox: weekdays 9:00–17:00, weekends closed. */
export function defaultWorkingDays(): WorkingDay[] {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => {
    const closed = day === 0 || day === 6;
    return {
      day_of_week: day, closed_all_day: closed, open_all_day: false, open_hour: closed ? null : 9,
      open_minutes: closed ? null : 0, close_hour: closed ? null : 17, close_minutes: closed ? null : 0,
    };
  });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** The weekday (0–6) and minute of the day at `at` in `timeZone`; UTC when the zone is unknown. */
export function localTime(at: number, timeZone: string): { day: number; minutes: number } {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return localTime(at, 'UTC');
    }
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), minutes: (Number(get('hour')) % 24) * 60 + Number(get('minute')) };
}

function openMinute(d: WorkingDay): number {
  return d.open_all_day ? 0 : (d.open_hour ?? 0) * 60 + (d.open_minutes ?? 0);
}

/**
 * Whether the schedule is open at `at` (WorkingHour#open_now?): open all day, or between the
 * opening minute (included) and the closing minute (excluded) of that local day.
 */
export function isOpenAt(days: WorkingDay[], timeZone: string, at: number): boolean {
  const { day, minutes } = localTime(at, timeZone);
  const today = days.find((d) => d.day_of_week === day);
  if (!today || today.closed_all_day) {
    return false;
  }
  if (today.open_all_day) {
    return true;
  }
  const close = (today.close_hour ?? 0) * 60 + (today.close_minutes ?? 0);
  return minutes >= openMinute(today) && minutes < close;
}

/**
 * When the schedule opens next after `at` while it is closed: the days ahead (0 = later today),
 * the minutes until then and the local opening time. Null when no day ever opens.
 */
export function nextOpening(days: WorkingDay[], timeZone: string, at: number): { daysAhead: number; minutesUntil: number; day: number; hour: number; minute: number } | null {
  const { day, minutes } = localTime(at, timeZone);
  for (let ahead = 0; ahead < 8; ahead += 1) {
    const d = days.find((x) => x.day_of_week === (day + ahead) % 7);
    if (!d || d.closed_all_day || (ahead === 0 && (d.open_all_day || openMinute(d) <= minutes))) {
      continue;
    }
    const open = openMinute(d);
    return { daysAhead: ahead, minutesUntil: ahead * 1440 - minutes + open, day: d.day_of_week, hour: Math.floor(open / 60), minute: open % 60 };
  }
  return null;
}
