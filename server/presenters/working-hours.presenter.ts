import { Type, type Static } from '@sinclair/typebox';
import type { WorkingHourRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** One day of an inbox's weekly schedule (`working_hours[]`, OutOfOffisable#weekly_schedule). */
export const WorkingHourJson = Type.Object({
  day_of_week: Type.Integer(), closed_all_day: Type.Boolean(), open_hour: NullableInt, open_minutes: NullableInt,
  close_hour: NullableInt, close_minutes: NullableInt, open_all_day: Type.Boolean(),
});

/** A day as the whole record (the widget config and inbox webhooks serialize the WorkingHour rows themselves). */
export const WorkingHourRecordJson = Type.Object({
  id: Type.Integer(), inbox_id: Type.Integer(), account_id: Type.Integer(), day_of_week: Type.Integer(), closed_all_day: Type.Boolean(),
  open_hour: NullableInt, open_minutes: NullableInt, close_hour: NullableInt, close_minutes: NullableInt,
  created_at: Type.String(), updated_at: Type.String(), open_all_day: Type.Boolean(),
});

/** The weekly schedule, Sunday first. */
export function presentWorkingHours(rows: WorkingHourRow[]): Array<Static<typeof WorkingHourJson>> {
  return [...rows].sort((a, b) => a.day_of_week - b.day_of_week).map((r) => ({
    day_of_week: r.day_of_week, closed_all_day: r.closed_all_day, open_hour: r.open_hour, open_minutes: r.open_minutes,
    close_hour: r.close_hour, close_minutes: r.close_minutes, open_all_day: r.open_all_day,
  }));
}

/** The schedule's rows as records (column order, ISO timestamps), Sunday first. */
export function presentWorkingHourRecords(rows: WorkingHourRow[]): Array<Static<typeof WorkingHourRecordJson>> {
  return [...rows].sort((a, b) => a.day_of_week - b.day_of_week).map((r) => ({
    id: r.id, inbox_id: r.inbox_id, account_id: r.account_id, day_of_week: r.day_of_week, closed_all_day: r.closed_all_day,
    open_hour: r.open_hour, open_minutes: r.open_minutes, close_hour: r.close_hour, close_minutes: r.close_minutes,
    created_at: toIso(r.created_at) as string, updated_at: toIso(r.updated_at) as string, open_all_day: r.open_all_day,
  }));
}
