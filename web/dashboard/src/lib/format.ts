// Dates and names as the dashboard shows them.

/** "14:05" today, "Mon 14:05" this week, else "3 Mar". From Unix seconds. */
export function shortTime(unixSeconds: number | undefined | null): string {
  if (!unixSeconds) {
    return '';
  }
  const date = new Date(unixSeconds * 1000);
  const now = new Date();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) {
    return time;
  }
  if (now.getTime() - date.getTime() < 6 * 86_400_000) {
    return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  }
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** A full local date and time, for titles. */
export function fullTime(unixSeconds: number | undefined | null): string {
  return unixSeconds ? new Date(unixSeconds * 1000).toLocaleString() : '';
}

/** Up to two initials for an avatar. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '?').trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}

/** Human file size. */
export function fileSize(bytes: number | undefined): string {
  if (!bytes) {
    return '';
  }
  return bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** A random id for echo_id. */
export function randomId(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
