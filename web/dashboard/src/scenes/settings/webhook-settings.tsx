import { useState, type FormEvent } from 'react';
import {
  createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, redeliverWebhook, rotateWebhookSecret, setWebhookEnabled, updateWebhook,
} from '../../api/endpoints';
import type { Webhook, WebhookDelivery } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

/** Webhook::ALLOWED_WEBHOOK_EVENTS, with the words the form shows. */
const EVENTS: Array<[string, string]> = [
  ['conversation_created', 'Conversation created'], ['conversation_status_changed', 'Conversation status changed'],
  ['conversation_updated', 'Conversation updated'], ['message_created', 'Message created'], ['message_updated', 'Message updated'],
  ['webwidget_triggered', 'Live chat widget opened'], ['contact_created', 'Contact created'], ['contact_updated', 'Contact updated'],
  ['inbox_created', 'Inbox created'], ['inbox_updated', 'Inbox updated'],
  ['conversation_typing_on', 'Typing started'], ['conversation_typing_off', 'Typing stopped'],
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function WebhookForm({ webhook, onDone }: { webhook?: Webhook; onDone: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { url: textOf(form, 'url') ?? '', name: textOf(form, 'name') ?? '', subscriptions: form.getAll('subscriptions').map(String) };
    void run(async () => { await (webhook ? updateWebhook(me.accountId, webhook.id, body) : createWebhook(me.accountId, body)); onDone(); });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={webhook ? `Edit webhook ${webhook.name || webhook.url}` : 'New webhook'}>
      <ErrorText error={error} />
      <Field label="Webhook URL"><input name="url" type="url" required defaultValue={webhook?.url ?? ''} /></Field>
      <Field label="Name"><input name="name" defaultValue={webhook?.name ?? ''} /></Field>
      <fieldset><legend>Events</legend>
        {EVENTS.map(([key, label]) => (
          <label key={key} className="check"><input type="checkbox" name="subscriptions" value={key} defaultChecked={webhook ? webhook.subscriptions.includes(key) : true} />{label}</label>
        ))}
      </fieldset>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save webhook</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** The delivery log of one webhook: newest first, 25 a page, each with a redeliver button. */
function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const me = useMe();
  const [page, setPage] = useState(1);
  const log = useQuery(`a${me.accountId}:webhook:${webhook.id}:deliveries:${page}`, () => listWebhookDeliveries(me.accountId, webhook.id, page));
  const { error, busy, run } = useAction();
  const deliveries: WebhookDelivery[] = log.data?.payload.deliveries ?? [];
  const pages = Math.max(1, Math.ceil((log.data?.meta.count ?? 0) / 25));
  return (
    <section aria-label={`Deliveries of ${webhook.name || webhook.url}`}>
      <div className="row"><h3>Deliveries</h3><button onClick={log.reload} disabled={log.loading}>Refresh</button></div>
      <ErrorText error={error ?? log.error} />
      {!log.data ? <Spinner /> : deliveries.length === 0 ? <Empty title="No deliveries yet">Events this webhook subscribes to are sent as they happen.</Empty> : (
        <table className="table deliveries">
          <thead><tr><th>Event</th><th>Status</th><th>Attempts</th><th>Response</th><th>Latency</th><th>Last error</th><th>Created</th><th /></tr></thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-delivery-id={d.id}>
                <td>{d.event}</td>
                <td><span className={`delivery-status delivery-${d.status}`}>{d.status}</span>{d.next_attempt_at ? <small> · retry {when(d.next_attempt_at)}</small> : null}</td>
                <td>{d.attempts}</td>
                <td>{d.response_code ?? '—'}</td>
                <td>{d.latency_ms === null ? '—' : `${d.latency_ms} ms`}</td>
                <td className="delivery-error">{d.last_error ?? '—'}</td>
                <td>{when(d.created_at)}</td>
                <td><button disabled={busy} aria-label={`Redeliver ${d.event} ${d.id}`}
                  onClick={() => void run(async () => { await redeliverWebhook(me.accountId, webhook.id, d.id); log.reload(); })}>Redeliver</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <div className="row"><button disabled={page <= 1} onClick={() => setPage(page - 1)}>Newer</button><span>Page {page} of {pages}</span><button disabled={page >= pages} onClick={() => setPage(page + 1)}>Older</button></div>
      ) : null}
    </section>
  );
}

function WebhookCard({ webhook, onChanged, onEdit }: { webhook: Webhook; onChanged: () => void; onEdit: () => void }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const { error, busy, run } = useAction();
  const title = webhook.name || webhook.url;
  const enabled = webhook.status !== 'disabled';
  return (
    <li className="card" aria-label={`Webhook ${title}`}>
      <div className="row">
        <span><strong>{title}</strong> <span className={`delivery-status delivery-${enabled ? 'succeeded' : 'paused'}`}>{enabled ? 'enabled' : 'disabled'}</span><br /><small>{webhook.url} · {webhook.subscriptions.length} events</small></span>
        <span className="row-actions">
          <button onClick={() => setOpen(!open)} aria-expanded={open}>Details</button>
          <button onClick={onEdit}>Edit</button>
          <button className="danger" onClick={() => {
            if (window.confirm(`Delete the webhook ${title}?`)) {
              void run(async () => { await deleteWebhook(me.accountId, webhook.id); onChanged(); });
            }
          }}>Delete</button>
        </span>
      </div>
      <ErrorText error={error} />
      {open ? (
        <div className="webhook-details">
          <dl className="secrets">
            <dt>Signing secret</dt><dd><code data-testid="webhook-secret">{webhook.secret}</code></dd>
            {webhook.previous_secret_expires_at ? <><dt>Previous secret</dt><dd>still signs until {when(webhook.previous_secret_expires_at)}</dd></> : null}
            {webhook.disabled_at ? <><dt>Disabled</dt><dd>{when(webhook.disabled_at)}</dd></> : null}
          </dl>
          <p className="muted">Each delivery carries <code>X-Chatwoot-Signature</code>, an HMAC-SHA256 of the timestamp and body with this secret.</p>
          <div className="form-actions">
            <button disabled={busy} onClick={() => {
              if (window.confirm('Make a new signing secret? The old one keeps signing for a while so receivers can switch.')) {
                void run(async () => { await rotateWebhookSecret(me.accountId, webhook.id); onChanged(); });
              }
            }}>Reset secret</button>
            <button disabled={busy} onClick={() => void run(async () => { await setWebhookEnabled(me.accountId, webhook.id, !enabled); onChanged(); })}>
              {enabled ? 'Disable' : 'Enable'}
            </button>
          </div>
          <DeliveryLog webhook={webhook} />
        </div>
      ) : null}
    </li>
  );
}

/** Account webhooks: list, create, edit, delete; per webhook its secret, status and delivery log. */
export function WebhookSettings() {
  const me = useMe();
  const webhooks = useQuery(`a${me.accountId}:webhooks`, async () => (await listWebhooks(me.accountId)).payload.webhooks);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const done = () => { setEditing(null); webhooks.reload(); };
  return (
    <div>
      <header className="page-header"><h1>Webhooks</h1><button className="primary" onClick={() => setEditing('new')}>Add webhook</button></header>
      <ErrorText error={webhooks.error} />
      {editing === 'new' ? <WebhookForm onDone={done} /> : null}
      {!webhooks.data ? <Spinner /> : webhooks.data.length === 0 ? <Empty title="No webhooks yet" /> : null}
      <ul className="plain-list">
        {webhooks.data?.map((w) => editing === w.id
          ? <li key={w.id}><WebhookForm webhook={w} onDone={done} /></li>
          : <WebhookCard key={w.id} webhook={w} onChanged={webhooks.reload} onEdit={() => setEditing(w.id)} />)}
      </ul>
    </div>
  );
}
