import type { ReactNode } from 'react';
import { initials } from '../lib/format';

/** Centers its children in the viewport (loading and error pages). */
export function Centered({ children }: { children: ReactNode }) {
  return <div className="centered">{children}</div>;
}

/** An accessible loading indicator. */
export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <div className="spinner" role="status" aria-live="polite"><span className="spinner-dot" />{label}…</div>;
}

/** An error in words, announced to screen readers. */
export function ErrorText({ error }: { error: Error | string | null | undefined }) {
  if (!error) {
    return null;
  }
  return <p className="error" role="alert">{typeof error === 'string' ? error : error.message}</p>;
}

/** Shown when a list has nothing in it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return <div className="empty"><p className="empty-title">{title}</p>{children}</div>;
}

/** Initials in a coloured circle (no remote images, so nothing loads from user input). */
export function Avatar({ name, size = 32 }: { name: string | null | undefined; size?: number }) {
  let hash = 0;
  for (const ch of name ?? '') {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return (
    <span className="avatar" aria-hidden="true" style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hash % 360} 55% 45%)` }}>
      {initials(name)}
    </span>
  );
}

/** A labelled form field. */
export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return <label className="field"><span className="field-label">{label}</span>{children}{hint ? <span className="field-hint">{hint}</span> : null}</label>;
}

/** A small coloured chip (labels, priority). */
export function Chip({ children, color, title }: { children: ReactNode; color?: string; title?: string }) {
  return <span className="chip" title={title} style={color ? { borderColor: color } : undefined}>{color ? <i className="chip-dot" style={{ background: color }} /> : null}{children}</span>;
}
