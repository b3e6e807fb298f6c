import { useEffect, useState, type FormEvent } from 'react';
import { getNotificationSettings, resetAccessToken, setAutoOffline, setAvailability, updateNotificationSettings, updateProfile } from '../../api/endpoints';
import { Avatar, ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { invalidate, useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

const TYPES: Array<[string, string]> = [
  ['conversation_creation', 'A new conversation is created'], ['conversation_assignment', 'A conversation is assigned to me'],
  ['assigned_conversation_new_message', 'A new message in a conversation assigned to me'], ['conversation_mention', 'I am mentioned'],
  ['participating_conversation_new_message', 'A new message in a conversation I participate in'],
];

/** Name, display name, email, avatar, availability, notification preferences and the access token of the signed-in user. */
export function ProfileSettings() {
  const me = useMe();
  const { error, busy, run } = useAction();
  const p = me.profile;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await updateProfile({
        name: textOf(form, 'name') ?? '', display_name: textOf(form, 'display_name') ?? '', email: textOf(form, 'email') ?? '',
        avatar_url: textOf(form, 'avatar_url') ?? null,
      });
      invalidate('profile');
    });
  };
  return (
    <div>
      <form className="card" onSubmit={handleSubmit} aria-label="Profile">
        <h1>Profile</h1>
        <ErrorText error={error} />
        <div className="with-avatar"><Avatar name={p.available_name} size={48} /><span>{p.available_name}<br /><small className="muted">{p.email}</small></span></div>
        <Field label="Full name"><input name="name" required defaultValue={p.name} /></Field>
        <Field label="Display name"><input name="display_name" defaultValue={p.display_name ?? ''} /></Field>
        <Field label="Email"><input name="email" type="email" required defaultValue={p.email} /></Field>
        <Field label="Avatar URL" hint="An https image other apps (the mobile app, the widget) show for you"><input name="avatar_url" type="url" defaultValue={p.avatar_url ?? ''} /></Field>
        <button className="primary" type="submit" disabled={busy}>Save profile</button>
      </form>
      <AvailabilitySettings />
      <NotificationPreferences />
      <AccessToken />
    </div>
  );
}

/** Online / busy / offline in this account, and whether closing the dashboard sets offline. */
function AvailabilitySettings() {
  const me = useMe();
  const membership = me.profile.accounts.find((a) => a.id === me.accountId);
  const { error, busy, run } = useAction();
  return (
    <section className="card" aria-label="Availability">
      <h2>Availability</h2>
      <ErrorText error={error} />
      <Field label="My availability">
        <select value={membership?.availability ?? membership?.availability_status ?? 'online'} disabled={busy}
          onChange={(e) => void run(async () => { await setAvailability(me.accountId, e.target.value); invalidate('profile'); })}>
          <option value="online">Online</option><option value="busy">Busy</option><option value="offline">Offline</option>
        </select>
      </Field>
      <label className="check">
        <input type="checkbox" checked={membership?.auto_offline ?? true} disabled={busy}
          onChange={(e) => void run(async () => { await setAutoOffline(me.accountId, e.target.checked); invalidate('profile'); })} />
        Show me offline when I close the dashboard
      </label>
    </section>
  );
}

/** Which notifications also come by email and as push notifications. */
function NotificationPreferences() {
  const me = useMe();
  const settings = useQuery(`a${me.accountId}:notification-settings`, () => getNotificationSettings(me.accountId));
  const [email, setEmail] = useState<string[]>([]);
  const [push, setPush] = useState<string[]>([]);
  const { error, busy, run } = useAction();
  useEffect(() => {
    setEmail(settings.data?.selected_email_flags ?? []);
    setPush(settings.data?.selected_push_flags ?? []);
  }, [settings.data]);
  const toggle = (list: string[], set: (l: string[]) => void, flag: string, on: boolean) => set(on ? [...list, flag] : list.filter((f) => f !== flag));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => { await updateNotificationSettings(me.accountId, { selected_email_flags: email, selected_push_flags: push }); settings.reload(); });
  };
  return (
    <form className="card" onSubmit={handleSubmit} aria-label="Notification preferences">
      <h2>Notifications</h2>
      <p className="muted">Every notification shows under the bell; choose which ones also come by email or push.</p>
      <ErrorText error={error ?? settings.error} />
      {!settings.data ? <Spinner /> : (
        <table className="table">
          <thead><tr><th>When</th><th>Email</th><th>Push</th></tr></thead>
          <tbody>
            {TYPES.map(([type, label]) => (
              <tr key={type}>
                <td>{label}</td>
                <td><input type="checkbox" aria-label={`Email when ${label.toLowerCase()}`} checked={email.includes(`email_${type}`)} onChange={(e) => toggle(email, setEmail, `email_${type}`, e.target.checked)} /></td>
                <td><input type="checkbox" aria-label={`Push when ${label.toLowerCase()}`} checked={push.includes(`push_${type}`)} onChange={(e) => toggle(push, setPush, `push_${type}`, e.target.checked)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button className="primary" type="submit" disabled={busy || !settings.data}>Save preferences</button>
    </form>
  );
}

/** The user's API access token, and making a new one (the old one stops working). */
function AccessToken() {
  const me = useMe();
  const { error, busy, run } = useAction();
  const handleReset = () => {
    if (window.confirm('Make a new access token? Apps using the current one stop working.')) {
      void run(async () => { await resetAccessToken(); invalidate('profile'); });
    }
  };
  return (
    <section className="card" aria-label="Access token">
      <h2>Access token</h2>
      <p>Use it as the <code>api_access_token</code> header to call the API as yourself.</p>
      <ErrorText error={error} />
      <code className="secret" data-testid="access-token">{me.profile.access_token}</code>{' '}
      <button onClick={handleReset} disabled={busy}>Reset token</button>
    </section>
  );
}
