import { useState, type FormEvent } from 'react';
import { createAgentBot, deleteAgentBot, listAgentBots, resetAgentBotToken, updateAgentBot } from '../../api/endpoints';
import type { AgentBot } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

/** The account's agent bots, cached for the bots page and the inbox bot picker. */
export const useAgentBots = (accountId: number) => useQuery(`a${accountId}:agent-bots`, () => listAgentBots(accountId));

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
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={bot ? `Edit agent bot ${bot.name}` : 'New agent bot'}>
      <ErrorText error={error} />
      <Field label="Bot name"><input name="name" required defaultValue={bot?.name ?? ''} /></Field>
      <Field label="Description"><input name="description" defaultValue={bot?.description ?? ''} /></Field>
      <Field label="Webhook URL" hint="Parley posts conversation events for the bot here"><input name="outgoing_url" type="url" defaultValue={bot?.outgoing_url ?? ''} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save bot</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

function BotCard({ bot, onChanged, onEdit }: { bot: AgentBot; onChanged: () => void; onEdit: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const own = bot.access_token !== undefined && bot.access_token !== null;
  return (
    <li className="card" aria-label={`Agent bot ${bot.name}`}>
      <div className="row">
        <span><strong>{bot.name}</strong><br /><small>{bot.description} {bot.outgoing_url}</small></span>
        {own ? (
          <span className="row-actions">
            <button onClick={onEdit} aria-label={`Edit ${bot.name}`}>Edit</button>
            <button className="danger" aria-label={`Delete ${bot.name}`} onClick={() => {
              if (window.confirm(`Delete ${bot.name}?`)) {
                void run(async () => { await deleteAgentBot(me.accountId, bot.id); onChanged(); });
              }
            }}>Delete</button>
          </span>
        ) : <small className="muted">Available to every account</small>}
      </div>
      <ErrorText error={error} />
      {own ? (
        <dl className="secrets">
          <dt>Access token</dt>
          <dd>
            <code data-testid="bot-access-token">{bot.access_token}</code>{' '}
            <button disabled={busy} onClick={() => {
              if (window.confirm(`Make a new access token for ${bot.name}? The current one stops working.`)) {
                void run(async () => { await resetAgentBotToken(me.accountId, bot.id); onChanged(); });
              }
            }}>Reset token</button>
          </dd>
        </dl>
      ) : null}
    </li>
  );
}

/** The account's agent bots: list, create, edit, delete, and each bot's access token for the API. */
export function AgentBotSettings() {
  const me = useMe();
  const bots = useAgentBots(me.accountId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const done = () => { setEditing(null); bots.reload(); };
  return (
    <div>
      <header className="page-header"><h1>Agent bots</h1><button className="primary" onClick={() => setEditing('new')}>Add bot</button></header>
      <p className="muted">A bot answers conversations of the inboxes it is connected to (Settings → Inboxes → an inbox → Agent bot), calling the API with its access token.</p>
      <ErrorText error={bots.error} />
      {editing === 'new' ? <BotForm onDone={done} /> : null}
      {!bots.data ? <Spinner /> : bots.data.length === 0 ? <Empty title="No agent bots yet" /> : null}
      <ul className="plain-list">
        {bots.data?.map((b) => editing === b.id
          ? <li key={b.id}><BotForm bot={b} onDone={done} /></li>
          : <BotCard key={b.id} bot={b} onChanged={bots.reload} onEdit={() => setEditing(b.id)} />)}
      </ul>
    </div>
  );
}
