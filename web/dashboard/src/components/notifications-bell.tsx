import { useEffect, useState } from 'react';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/endpoints';
import type { AppNotification } from '../api/types';
import { shortTime } from '../lib/format';
import { setQueryData, useQuery } from '../lib/query';
import { navigate } from '../lib/router';
import { onCableEvent } from '../realtime/cable';
import { Icon } from './icons';
import { Empty, ErrorText, Spinner } from './ui';

interface NotificationPage { meta: { unread_count: number; count: number; current_page: number }; payload: AppNotification[] }
interface CountsFrame { notification: AppNotification; unread_count: number; count: number }

const keyOf = (accountId: number) => `a${accountId}:notifications`;

/**
 * A notification.created / updated / deleted frame: the counts apply at once; the list is
 * refetched, since the push payload titles a notification differently from the list's.
 */
function applyFrame(accountId: number, data: CountsFrame, reload: () => void): void {
  if (data.notification.account_id !== undefined && data.notification.account_id !== accountId) {
    return;
  }
  setQueryData<NotificationPage>(keyOf(accountId), (old) => old && { ...old, meta: { ...old.meta, unread_count: data.unread_count, count: data.count } });
  reload();
}

/** The bell in the sidebar: the unread count, live from /cable, and the list of notifications. */
export function NotificationsBell({ accountId }: { accountId: number }) {
  const page = useQuery(keyOf(accountId), async () => (await listNotifications(accountId)).data);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  // Pages after the first, loaded on demand ("Show older"); the first page is the live one.
  const [older, setOlder] = useState<{ items: AppNotification[]; page: number; done: boolean }>({ items: [], page: 1, done: false });
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => onCableEvent((frame) => {
    if (frame.event === 'notification.created' || frame.event === 'notification.updated' || frame.event === 'notification.deleted') {
      applyFrame(accountId, frame.data as unknown as CountsFrame, page.reload);
    } else if (frame.event === 'cable.reconnected') {
      page.reload();
    }
  }), [accountId, page.reload]);

  const unread = page.data?.meta.unread_count ?? 0;
  const first = page.data?.payload ?? [];
  const items = [...first, ...older.items.filter((n) => !first.some((f) => f.id === n.id))];
  const more = !older.done && (page.data?.meta.count ?? 0) > items.length;
  const handleOlder = () => {
    setLoadingOlder(true);
    listNotifications(accountId, older.page + 1).then(({ data }) => {
      setOlder({ items: [...older.items, ...data.payload], page: older.page + 1, done: data.payload.length === 0 });
    }, setError).finally(() => setLoadingOlder(false));
  };
  const markRead = (n: AppNotification) => {
    if (n.read_at) {
      return;
    }
    const readAt = new Date().toISOString();
    setQueryData<NotificationPage>(keyOf(accountId), (old) => old && {
      meta: { ...old.meta, unread_count: Math.max(0, old.meta.unread_count - 1) },
      payload: old.payload.map((x) => (x.id === n.id ? { ...x, read_at: readAt } : x)),
    });
    setOlder((o) => ({ ...o, items: o.items.map((x) => (x.id === n.id ? { ...x, read_at: readAt } : x)) }));
    markNotificationRead(accountId, n.id).catch((e: Error) => { setError(e); page.reload(); });
  };
  const handleOpen = (n: AppNotification) => {
    markRead(n);
    setOpen(false);
    if (n.primary_actor_type === 'Conversation') {
      navigate(`/app/accounts/${accountId}/conversations/${n.primary_actor?.id ?? n.primary_actor_id}?assignee=all&status=all`);
    }
  };
  const handleReadAll = () => {
    markAllNotificationsRead(accountId).then(() => { setOlder({ items: [], page: 1, done: false }); page.reload(); }, setError);
  };
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <>
      <button className="sidebar-signout bell" aria-label={label} title={label} aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="bell" />
        {unread > 0 ? <span className="bell-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span> : null}
      </button>
      {open ? (
        <section className="notifications-panel" role="dialog" aria-label="Notifications">
          <header className="page-header">
            <h2>Notifications</h2>
            <span className="spacer" />
            <button onClick={handleReadAll} disabled={unread === 0}>Mark all read</button>
            <button onClick={() => setOpen(false)} aria-label="Close notifications">×</button>
          </header>
          <ErrorText error={error ?? page.error} />
          {!page.data ? <Spinner /> : items.length === 0 ? <Empty title="No notifications yet">Mentions, assignments and new messages show up here.</Empty> : null}
          <ul className="plain-list">
            {items.map((n) => (
              <li key={n.id}>
                <button className={`notification ${n.read_at ? '' : 'unread'}`} onClick={() => handleOpen(n)}>
                  <strong>{n.push_message_title}</strong>
                  {n.push_message_body ? <span className="muted">{n.push_message_body}</span> : null}
                  <time>{shortTime(n.last_activity_at ?? n.created_at)}</time>
                </button>
              </li>
            ))}
          </ul>
          {more ? <button onClick={handleOlder} disabled={loadingOlder}>{loadingOlder ? 'Loading…' : 'Show older'}</button> : null}
        </section>
      ) : null}
    </>
  );
}
