import { Type, type Static } from '@sinclair/typebox';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** One day of an inbox's weekly schedule (`working_hours[]`). */
export const WorkingHourJson = Type.Object({
  day_of_week: Type.Integer(), closed_all_day: Type.Boolean(), open_hour: NullableInt, open_minutes: NullableInt,
  close_hour: NullableInt, close_minutes: NullableInt, open_all_day: Type.Boolean(),
});

/** Chatwoot's default schedule, created with every inbox: weekdays 9:00–17:00, weekends closed. */
export const DEFAULT_WORKING_HOURS: Array<Static<typeof WorkingHourJson>> = [0, 1, 2, 3, 4, 5, 6].map((day) => {
  const closed = day === 0 || day === 6;
  return {
    day_of_week: day, closed_all_day: closed, open_hour: closed ? null : 9, open_minutes: closed ? null : 0,
    close_hour: closed ? null : 17, close_minutes: closed ? null : 0, open_all_day: false,
  };
});
