import { useState, type FormEvent } from 'react';
import { createAgent, deleteAgent, updateAgent } from '../../api/endpoints';
import type { Agent } from '../../api/types';
import { Avatar, ErrorText, Field, Spinner } from '../../components/ui';
import { useAgents } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { textOf, useAction } from './use-action';

/** Agents: invite, change role and availability, remove. */
export function AgentSettings() {
  const me = useMe();
  const agents = useAgents(me.accountId);
  const [inviting, setInviting] = useState(false);
  const { error, busy, run } = useAction();

  const handleInvite = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await createAgent(me.accountId, { name: textOf(form, 'name') ?? '', email: textOf(form, 'email') ?? '', role: String(form.get('role')) });
      agents.reload();
      setInviting(false);
    });
  };
  const handleChange = (agent: Agent, body: { role?: string; availability?: string }) =>
    void run(async () => { await updateAgent(me.accountId, agent.id, body); agents.reload(); });
  const handleRemove = (agent: Agent) => {
    if (window.confirm(`Remove ${agent.name} from this account?`)) {
      void run(async () => { await deleteAgent(me.accountId, agent.id); agents.reload(); });
    }
  };
  return (
    <div>
      <header className="page-header"><h1>Agents</h1><button className="primary" onClick={() => setInviting(true)}>Add agent</button></header>
      <ErrorText error={error ?? agents.error} />
      {inviting ? (
        <form className="card inline-form" onSubmit={handleInvite} aria-label="Add agent">
          <Field label="Name"><input name="name" required /></Field>
          <Field label="Email"><input name="email" type="email" required /></Field>
          <Field label="Role"><select name="role" defaultValue="agent"><option value="agent">Agent</option><option value="administrator">Administrator</option></select></Field>
          <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Add agent</button><button type="button" onClick={() => setInviting(false)}>Cancel</button></div>
        </form>
      ) : null}
      {!agents.data ? <Spinner /> : null}
      <table className="table">
        <thead><tr><th>Agent</th><th>Role</th><th>Availability</th><th /></tr></thead>
        <tbody>
          {agents.data?.map((a) => (
            <tr key={a.id}>
              <td className="with-avatar"><Avatar name={a.name} size={24} /><span>{a.name}<br /><small>{a.email}{a.confirmed === false ? ' · invitation pending' : ''}</small></span></td>
              <td>
                <select aria-label={`Role of ${a.name}`} value={a.role} disabled={a.id === me.profile.id} onChange={(e) => handleChange(a, { role: e.target.value })}>
                  <option value="agent">Agent</option><option value="administrator">Administrator</option>
                </select>
              </td>
              <td>
                <select aria-label={`Availability of ${a.name}`} value={a.availability_status ?? 'offline'} onChange={(e) => handleChange(a, { availability: e.target.value })}>
                  <option value="online">Online</option><option value="busy">Busy</option><option value="offline">Offline</option>
                </select>
              </td>
              <td className="row-actions">{a.id !== me.profile.id ? <button className="danger" onClick={() => handleRemove(a)} aria-label={`Remove ${a.name}`}>Remove</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
