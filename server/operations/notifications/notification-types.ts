/**
 * Chatwoot's notification types (Notification::NOTIFICATION_TYPES), by stored integer, and
 * the flag layout of notification_settings (FlagShihTzu: type n is bit n-1).
 */
export const NOTIFICATION_TYPES: Readonly<Record<string, number>> = {
  conversation_creation: 1,
  conversation_assignment: 2,
  assigned_conversation_new_message: 3,
  conversation_mention: 4,
  participating_conversation_new_message: 5,
  sla_missed_first_response: 6,
  sla_missed_next_response: 7,
  sla_missed_resolution: 8,
};

export type NotificationType = keyof typeof NOTIFICATION_TYPES;

/** The name of a stored type. */
export function notificationTypeName(value: number): string {
  return Object.keys(NOTIFICATION_TYPES).find((name) => NOTIFICATION_TYPES[name] === value) ?? 'conversation_creation';
}

/** The bit of a type in email_flags / push_flags. */
export function flagBit(type: string): number {
  return 2 ** ((NOTIFICATION_TYPES[type] ?? 1) - 1);
}

/** Every flag name of one channel (`email` or `push`), in type order (`all_email_flags`). */
export function allFlags(channel: 'email' | 'push'): string[] {
  return Object.keys(NOTIFICATION_TYPES).map((name) => `${channel}_${name}`);
}

/** Flag names set in `flags`. */
export function selectedFlags(channel: 'email' | 'push', flags: number): string[] {
  return Object.keys(NOTIFICATION_TYPES).filter((name) => (flags & flagBit(name)) !== 0).map((name) => `${channel}_${name}`);
}

/** The bits of the given flag names; an unknown name is refused by the caller's schema. */
export function flagsOf(channel: 'email' | 'push', names: string[]): number {
  return names.reduce((bits, name) => bits | (name.startsWith(`${channel}_`) && name.slice(channel.length + 1) in NOTIFICATION_TYPES ? flagBit(name.slice(channel.length + 1)) : 0), 0);
}

/** A new membership's settings (AccountUser#create_notification_setting): assignment, by email and push. */
export const DEFAULT_FLAGS = { email: flagBit('conversation_assignment'), push: flagBit('conversation_assignment') };
