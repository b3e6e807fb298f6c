import { defaultWorkingDays, type WorkingDay } from '../../../common/working-hours.js';
import type { Ctx } from '../../context.js';
import type { WorkingHourRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { workingHourRepository } from '../../repositories/working-hour.repository.js';

/** One entry of `working_hours` in an inbox update (Inbox::OFFISABLE_ATTRS); the day is required, the rest optional. */
export interface WorkingHourInput {
  /** 0 = Sunday … 6 = Saturday. */
  day_of_week: number;
  closed_all_day?: boolean;
  open_all_day?: boolean;
  open_hour?: number | null;
  open_minutes?: number | null;
  close_hour?: number | null;
  close_minutes?: number | null;
}

const KEYS = ['closed_all_day', 'open_all_day', 'open_hour', 'open_minutes', 'close_hour', 'close_minutes'] as const;
const TIME_LIMITS = { open_hour: 23, open_minutes: 59, close_hour: 23, close_minutes: 59 } as const;

/** The stored columns of a day, as the shared schedule code reads them. */
export function workingDayOf(row: WorkingHourRow): WorkingDay {
  const { day_of_week, closed_all_day, open_all_day, open_hour, open_minutes, close_hour, close_minutes } = row;
  return { day_of_week, closed_all_day, open_all_day, open_hour, open_minutes, close_hour, close_minutes };
}

/**
 * WorkingHour's validations on a day after the change: an all-day opening stores 0:00–23:59;
 * unless closed all day the four times are required, in range, and closing comes after opening;
 * a day cannot be both open and closed all day. Errors name `working_hours.<index>.<key>`.
 */
export function checkWorkingDay(day: WorkingDay, index: number): WorkingDay {
  const field = (key: string) => `working_hours.${index}.${key}`;
  const checked = day.open_all_day ? { ...day, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59 } : { ...day };
  if (checked.open_all_day && checked.closed_all_day) {
    throw invalid(field('open_all_day'), 'and closed_all_day cannot be true at the same time');
  }
  if (checked.closed_all_day) {
    return checked;
  }
  for (const [key, max] of Object.entries(TIME_LIMITS) as Array<[keyof typeof TIME_LIMITS, number]>) {
    const value = checked[key];
    if (value === null || value === undefined) {
      throw invalid(field(key), "can't be blank");
    }
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw invalid(field(key), 'is not included in the list');
    }
  }
  if ((checked.open_hour as number) * 60 + (checked.open_minutes as number) >= (checked.close_hour as number) * 60 + (checked.close_minutes as number)) {
    throw invalid(field('close_hour'), 'Closing time cannot be before opening time');
  }
  return checked;
}

/**
 * The days to change, as Chatwoot's update_working_hours: each entry names its day and
 * overrides the given attributes of that day's row. Unknown or repeated days are 422.
 */
export function workingHoursChanges(rows: WorkingHourRow[], input: WorkingHourInput[]): Array<{ row: WorkingHourRow; day: WorkingDay }> {
  const seen = new Set<number>();
  const changes: Array<{ row: WorkingHourRow; day: WorkingDay }> = [];
  input.forEach((entry, index) => {
    const row = rows.find((r) => r.day_of_week === entry.day_of_week);
    if (!row || seen.has(entry.day_of_week)) {
      throw invalid(`working_hours.${index}.day_of_week`, row ? 'has already been taken' : 'is not included in the list');
    }
    seen.add(entry.day_of_week);
    const day = workingDayOf(row);
    for (const key of KEYS) {
      if (entry[key] !== undefined) {
        (day as unknown as Record<string, unknown>)[key] = entry[key];
      }
    }
    const checked = checkWorkingDay(day, index);
    if (JSON.stringify(checked) !== JSON.stringify(workingDayOf(row))) {
      changes.push({ row, day: checked });
    }
  });
  return changes;
}

/** Creates an inbox's seven days with Chatwoot's default schedule (OutOfOffisable#create_default_working_hours). */
export function createDefaultWorkingHours(ctx: Ctx, inboxId: number): Promise<WorkingHourRow[]> {
  return workingHourRepository.insertMany(ctx.db, ctx.accountId, inboxId, defaultWorkingDays());
}
