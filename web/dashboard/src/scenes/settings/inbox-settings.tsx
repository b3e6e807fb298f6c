import { useEffect, useState, type FormEvent } from 'react';
import { createApiInbox, deleteInbox, getInbox, getInboxAgentBot, inboxMembers, setInboxAgentBot, setInboxMembers, updateInbox } from '../../api/endpoints';
import type { Inbox } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useAgents, useInboxes } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { Link, navigate } from '../../lib/router';
import { useAgentBots } from './agent-bot-settings';
import { textOf, useAction } from './use-action';
import { NewWebsiteInbox, WebsiteInboxForm, WebsiteSnippet } from './website-inbox-settings';
import { WorkingHoursEditor } from './working-hours-editor';

const CHANNEL_NAMES: Record<string, string> = {
  'Channel::Api': 'API', 'Channel::WebWidget': 'Website', 'Channel::Email': 'Email', 'Channel::Sms': 'SMS',
  'Channel::Whatsapp': 'WhatsApp', 'Channel::Telegram': 'Telegram', 'Channel::TwilioSms': 'Twilio SMS',
};

/** Inboxes: list, create an API channel or website inbox, an inbox's details, members, bot and deletion. */
export function InboxSettings({ inboxId }: { inboxId: number | null }) {
  const me = useMe();
  const inboxes = useInboxes(me.accountId);
  const [creating, setCreating] = useState<'api' | 'website' | null>(null);
  const { error, busy, run } = useAction();
  if (inboxId) {
    return <InboxPage inboxId={inboxId} />;
  }
  const handleCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      const inbox = await createApiInbox(me.accountId, textOf(form, 'name') ?? '', textOf(form, 'webhook_url') ?? '');
      inboxes.reload();
      navigate(`/app/accounts/${me.accountId}/settings/inboxes/${inbox.id}`);
    });
  };
  return (
    <div>
      <header className="page-header">
        <h1>Inboxes</h1>
        <button className="primary" onClick={() => setCreating('api')}>Add inbox</button>
        <button onClick={() => setCreating('website')}>Add website inbox</button>
      </header>
      <ErrorText error={error ?? inboxes.error} />
      {creating === 'website' ? (
        <NewWebsiteInbox onCancel={() => setCreating(null)} onCreated={(inbox) => { inboxes.reload(); navigate(`/app/accounts/${me.accountId}/settings/inboxes/${inbox.id}`); }} />
      ) : null}
      {creating === 'api' ? (
        <form className="card inline-form" onSubmit={handleCreate} aria-label="New API inbox">
          <h2>New API channel inbox</h2>
          <p className="muted">Your own app sends messages in through the Client API and receives agents' replies at the webhook URL.</p>
          <Field label="Inbox name"><input name="name" required /></Field>
          <Field label="Webhook URL" hint="Optional: where Parley posts new messages for your app"><input name="webhook_url" type="url" placeholder="https://example.com/parley" /></Field>
          <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Create inbox</button><button type="button" onClick={() => setCreating(null)}>Cancel</button></div>
        </form>
      ) : null}
      {!inboxes.data ? <Spinner /> : inboxes.data.length === 0 ? <Empty title="No inboxes yet">Add an inbox to start receiving conversations.</Empty> : null}
      <table className="table">
        <tbody>
          {inboxes.data?.map((i) => (
            <tr key={i.id}><td><Link to={`/app/accounts/${me.accountId}/settings/inboxes/${i.id}`}>{i.name}</Link></td><td>{CHANNEL_NAMES[i.channel_type] ?? i.channel_type}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InboxPage({ inboxId }: { inboxId: number }) {
  const me = useMe();
  const inbox = useQuery(`a${me.accountId}:inbox:${inboxId}`, () => getInbox(me.accountId, inboxId));
  const inboxes = useInboxes(me.accountId);
  const { error, busy, run } = useAction();
  const base = `/app/accounts/${me.accountId}/settings/inboxes`;
  if (!inbox.data) {
    return <><ErrorText error={inbox.error} />{inbox.error ? <Link to={base}>Back to inboxes</Link> : <Spinner />}</>;
  }
  const i: Inbox = inbox.data;
  const handleSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await updateInbox(me.accountId, i.id, { name: textOf(form, 'name') ?? '', ...(i.channel_type === 'Channel::Api' ? { channel: { webhook_url: textOf(form, 'webhook_url') ?? '' } } : {}) });
      inbox.reload();
      inboxes.reload();
    });
  };
  const handleDelete = () => {
    if (window.confirm(`Delete the inbox "${i.name}" and all its conversations?`)) {
      void run(async () => { await deleteInbox(me.accountId, i.id); inboxes.reload(); navigate(base); });
    }
  };
  return (
    <div>
      <header className="page-header"><Link to={base} aria-label="Back to inboxes">←</Link><h1>{i.name}</h1><span className="spacer" /><button className="danger" onClick={handleDelete}>Delete inbox</button></header>
      <ErrorText error={error} />
      {i.channel_type === 'Channel::Api' ? (
        <section className="card" aria-label="API channel details">
          <h2>API channel</h2>
          <dl className="secrets">
            <dt>Inbox identifier</dt><dd><code data-testid="inbox-identifier">{i.inbox_identifier}</code></dd>
            <dt>HMAC token</dt><dd><code data-testid="hmac-token">{i.hmac_token}</code></dd>
            <dt>Webhook URL</dt><dd><code>{i.webhook_url || 'none'}</code></dd>
          </dl>
        </section>
      ) : null}
      {i.channel_type === 'Channel::WebWidget' ? <WebsiteSnippet inbox={i} /> : null}
      <form className="card" onSubmit={handleSave} aria-label="Inbox settings">
        <Field label="Inbox name"><input name="name" required defaultValue={i.name} /></Field>
        {i.channel_type === 'Channel::Api' ? <Field label="Webhook URL"><input name="webhook_url" type="url" defaultValue={i.webhook_url ?? ''} /></Field> : null}
        <button className="primary" type="submit" disabled={busy}>Save inbox</button>
      </form>
      {i.channel_type === 'Channel::WebWidget' ? <WebsiteInboxForm key={i.id} inbox={i} onSaved={inbox.reload} /> : null}
      <WorkingHoursEditor accountId={me.accountId} inbox={i} onSaved={() => inbox.reload()} />
      <InboxMembers inboxId={i.id} />
      <InboxBot inboxId={i.id} />
    </div>
  );
}

function InboxMembers({ inboxId }: { inboxId: number }) {
  const me = useMe();
  const agents = useAgents(me.accountId).data ?? [];
  const members = useQuery(`a${me.accountId}:inbox:${inboxId}:members`, async () => (await inboxMembers(me.accountId, inboxId)).payload);
  const [selected, setSelected] = useState<number[]>([]);
  const { error, busy, run } = useAction();
  useEffect(() => setSelected(members.data?.map((m) => m.id) ?? []), [members.data]);
  return (
    <section className="card" aria-label="Inbox members">
      <h2>Members</h2>
      <p className="muted">Agents who see and answer this inbox's conversations. Administrators see every inbox.</p>
      <ErrorText error={error ?? members.error} />
      {agents.map((a) => (
        <label key={a.id} className="check">
          <input type="checkbox" checked={selected.includes(a.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, a.id] : selected.filter((x) => x !== a.id))} />
          {a.name} <small className="muted">{a.email}</small>
        </label>
      ))}
      <button className="primary" disabled={busy} onClick={() => void run(async () => { await setInboxMembers(me.accountId, inboxId, selected); members.reload(); })}>Save members</button>
    </section>
  );
}

/** The agent bot answering this inbox's conversations first (set_agent_bot), or none. */
function InboxBot({ inboxId }: { inboxId: number }) {
  const me = useMe();
  const bots = useAgentBots(me.accountId);
  const current = useQuery(`a${me.accountId}:inbox:${inboxId}:agent-bot`, async () => (await getInboxAgentBot(me.accountId, inboxId)).agent_bot);
  const { error, busy, run } = useAction();
  const currentId = current.data && 'id' in current.data ? String(current.data.id) : '';
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('agent_bot') ?? '');
    void run(async () => { await setInboxAgentBot(me.accountId, inboxId, value ? Number(value) : null); current.reload(); });
  };
  return (
    <form className="card" onSubmit={handleSubmit} aria-label="Inbox agent bot">
      <h2>Agent bot</h2>
      <p className="muted">New conversations go to the bot first (status pending) until it hands them over.</p>
      <ErrorText error={error ?? current.error ?? bots.error} />
      {current.data && bots.data ? (
        <Field label="Bot">
          <select name="agent_bot" defaultValue={currentId} key={currentId}>
            <option value="">No bot</option>
            {bots.data.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </Field>
      ) : <Spinner />}
      <button className="primary" type="submit" disabled={busy || !current.data}>Save bot</button>
    </form>
  );
}
