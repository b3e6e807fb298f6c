/**
 * Chatwoot's enums: the database stores the integer, the wire mostly shows the name.
 * Each list is indexed by the stored integer.
 */
export const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;
export const CONVERSATION_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
export const CONTENT_TYPES = [
  'text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article',
  'incoming_email', 'input_csat', 'integrations', 'sticker', 'voice_call',
] as const;
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export const CONTACT_TYPES = ['visitor', 'lead', 'customer'] as const;
export const ROLES = ['agent', 'administrator'] as const;
export const AVAILABILITIES = ['online', 'offline', 'busy'] as const;
export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export const SENDER_NAME_TYPES = ['friendly', 'professional'] as const;
export const FILE_TYPES = [
  'image', 'audio', 'video', 'file', 'location', 'fallback', 'share', 'story_mention', 'contact',
  'ig_reel', 'ig_post', 'ig_story', 'embed',
] as const;
export const BOT_TYPES = ['webhook'] as const;
/** Website channel `reply_time`. */
export const REPLY_TIMES = ['in_a_few_minutes', 'in_a_few_hours', 'in_a_day'] as const;
/** Website channel feature flags, in bit order (flag i is bit 2^i). */
export const WIDGET_FEATURE_FLAGS = [
  'attachments', 'emoji_picker', 'end_conversation', 'use_inbox_avatar_for_bot', 'allow_mobile_webview',
] as const;

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type ConversationPriority = (typeof CONVERSATION_PRIORITIES)[number];
export type MessageType = (typeof MESSAGE_TYPES)[number];
export type ContentType = (typeof CONTENT_TYPES)[number];
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type Role = (typeof ROLES)[number];
export type Availability = (typeof AVAILABILITIES)[number];

/** The stored integer of an enum name; -1 when it is not in the list. */
export function enumValue<T extends string>(list: readonly T[], name: string): number {
  return list.indexOf(name as T);
}

/** The name of a stored integer; null for null or an out-of-range value. */
export function enumName<T extends string>(list: readonly T[], value: number | null | undefined): T | null {
  return value === null || value === undefined ? null : list[value] ?? null;
}

/** The names of the flags set in `bits` (flag i of the list is bit 2^i). */
export function flagNames<T extends string>(list: readonly T[], bits: number): T[] {
  return list.filter((_, index) => (bits & (1 << index)) !== 0);
}

/** Custom attribute definitions: what an attribute belongs to, and how it is shown. */
export const ATTRIBUTE_MODELS = ['conversation_attribute', 'contact_attribute'] as const;
export const ATTRIBUTE_DISPLAY_TYPES = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'] as const;
export type AttributeModel = (typeof ATTRIBUTE_MODELS)[number];
export type AttributeDisplayType = (typeof ATTRIBUTE_DISPLAY_TYPES)[number];
