import { useState, type FormEvent } from 'react';
import { createAgentBot, createWebhook, deleteAgentBot, deleteWebhook, listAgentBots, listWebhooks, updateAgentBot, updateWebhook } from '../../api/endpoints';
import type { AgentBot, Webhook } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

const EVENTS = ['conversation_created', 'conversation_status_changed', 'conversation_updated', 'message_created', 'message_updated', 'webwidget_triggered', 'contact_created', 'contact_updated', 'conversation_typing_on', 'conversation_typing_off'];

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
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={webhook ? 'Edit webhook' : 'New webhook'}>
      <ErrorText error={error} />
      <Field label="Webhook URL"><input name="url" type="url" required defaultValue={webhook?.url ?? ''} /></Field>
      <Field label="Name"><input name="name" defaultValue={webhook?.name ?? ''} /></Field>
      <fieldset><legend>Events</legend>
        {EVENTS.map((e) => <label key={e} className="check"><input type="checkbox" name="subscriptions" value={e} defaultChecked={webhook ? webhook.subscriptions.includes(e) : true} />{e}</label>)}
      </fieldset>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save webhook</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** Account webhooks: list, create, edit, delete. */
export function WebhookSettings() {
  const me = useMe();
  const webhooks = useQuery(`a${me.accountId}:webhooks`, async () => (await listWebhooks(me.accountId)).payload.webhooks);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  const done = () => { setEditing(null); webhooks.reload(); };
  return (
    <div>
      <header className="page-header"><h1>Webhooks</h1><button className="primary" onClick={() => setEditing('new')}>Add webhook</button></header>
      <ErrorText error={error ?? webhooks.error} />
      {editing === 'new' ? <WebhookForm onDone={done} /> : null}
      {!webhooks.data ? <Spinner /> : webhooks.data.length === 0 ? <Empty title="No webhooks yet" /> : null}
      <ul className="plain-list">
        {webhooks.data?.map((w) => editing === w.id ? <li key={w.id}><WebhookForm webhook={w} onDone={done} /></li> : (
          <li key={w.id} className="card row">
            <span><strong>{w.name || w.url}</strong><br /><small>{w.url} · {w.subscriptions.length} events</small></span>
            <span className="row-actions">
              <button onClick={() => setEditing(w.id)}>Edit</button>
              <button className="danger" onClick={() => { if (window.confirm('Delete this webhook?')) { void run(async () => { await deleteWebhook(me.accountId, w.id); webhooks.reload(); }); } }}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BotForm({ bot, onDone }: { bot?: AgentBot; onDone: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: textOf(form, 'name') ?? '', description: textOf(form, 'description') ?? '', outgoing_url: textOf(form, 'outgoing_url') ?? '' };
    void run(async () => { await (bot ? updateAgentBot(me.accountId, bot.id, body) : createAgentBot(me.accountId, body)); onDone(); });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={bot ? 'Edit agent bot' : 'New agent bot'}>
      <ErrorText error={error} />
      <Field label="Bot name"><input name="name" required defaultValue={bot?.name ?? ''} /></Field>
      <Field label="Description"><input name="description" defaultValue={bot?.description ?? ''} /></Field>
      <Field label="Webhook URL" hint="Parley posts conversation events for the bot here"><input name="outgoing_url" type="url" defaultValue={bot?.outgoing_url ?? ''} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save bot</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** The account's agent bots: list, create, edit, delete. */
export function AgentBotSettings() {
  const me = useMe();
  const bots = useQuery(`a${me.accountId}:agent-bots`, () => listAgentBots(me.accountId));
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  const done = () => { setEditing(null); bots.reload(); };
  return (
    <div>
      <header className="page-header"><h1>Agent bots</h1><button className="primary" onClick={() => setEditing('new')}>Add bot</button></header>
      <ErrorText error={error ?? bots.error} />
      {editing === 'new' ? <BotForm onDone={done} /> : null}
      {!bots.data ? <Spinner /> : bots.data.length === 0 ? <Empty title="No agent bots yet" /> : null}
      <ul className="plain-list">
        {bots.data?.map((b) => editing === b.id ? <li key={b.id}><BotForm bot={b} onDone={done} /></li> : (
          <li key={b.id} className="card row">
            <span><strong>{b.name}</strong><br /><small>{b.description} {b.outgoing_url}</small></span>
            <span className="row-actions">
              <button onClick={() => setEditing(b.id)}>Edit</button>
              <button className="danger" onClick={() => { if (window.confirm(`Delete ${b.name}?`)) { void run(async () => { await deleteAgentBot(me.accountId, b.id); bots.reload(); }); } }}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
