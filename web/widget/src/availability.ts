// Whether the team shows as available and the line under it (Chatwoot's AvailabilityText): the reply
// time while the inbox is open, otherwise when it opens again by its weekly schedule, read in the
// inbox's time zone and told in the visitor's own clock and language.
import { isOpenAt, nextOpening, type WorkingDay } from '../../../common/working-hours';
import type { Json } from './api';
import { fill, type Words } from './i18n';

const REPLY_TIME: Record<string, keyof Words> = { in_a_few_minutes: 'replyMinutes', in_a_few_hours: 'replyHours', in_a_day: 'replyDay' };

export interface Availability {
  /** "We are online" rather than "We are away". */
  available: boolean;
  /** Agents may be shown as answering now. */
  online: boolean;
  text: string;
}

export function availability(config: Json, hasOnlineAgents: boolean, t: Words, locale: string, now = Date.now()): Availability {
  const days: WorkingDay[] = config.working_hours ?? [];
  const zone = String(config.timezone || 'UTC');
  const enabled = Boolean(config.working_hours_enabled);
  const inHours = enabled && days.length > 0 && isOpenAt(days, zone, now);
  const online = enabled ? inHours && hasOnlineAgents : hasOnlineAgents;
  const reply = t[REPLY_TIME[config.reply_time] ?? 'replyMinutes'];
  const result = (text: string) => ({ available: online || inHours, online, text });
  if (inHours || !enabled) {
    return result(inHours || online ? reply : t.backSoon);
  }
  if (days.length === 0 || days.every((d) => d.closed_all_day)) {
    return result(t.backSoon);
  }
  const next = nextOpening(days, zone, now);
  if (!next) {
    return result(t.backSomeTime);
  }
  const opensAt = new Date(now + next.minutesUntil * 60_000);
  const lang = locale.replace('_', '-');
  if (next.daysAhead === 1) {
    return result(t.backTomorrow);
  }
  if (next.daysAhead > 1) {
    return result(fill(t.backOn, { day: opensAt.toLocaleDateString(lang, { weekday: 'long' }) }));
  }
  if (next.minutesUntil < 60) {
    return result(fill(t.backInMinutes, { n: Math.max(5, Math.ceil(next.minutesUntil / 5) * 5) }));
  }
  if (next.minutesUntil < 180) {
    const hours = Math.ceil(next.minutesUntil / 60);
    return result(hours === 1 ? t.backInHour : fill(t.backInHours, { n: hours }));
  }
  return result(fill(t.backAt, { time: opensAt.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }) }));
}
