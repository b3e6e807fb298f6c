import { useEffect, useState, type FormEvent } from 'react';
import { createTeam, deleteTeam, setTeamMembers, teamMembers, updateTeam } from '../../api/endpoints';
import type { Team } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useAgents, useTeams } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

function TeamForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const me = useMe();
  const teams = useTeams(me.accountId);
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { name: textOf(form, 'name') ?? '', description: textOf(form, 'description') ?? '', allow_auto_assign: form.get('allow_auto_assign') === 'on' };
    void run(async () => {
      await (team ? updateTeam(me.accountId, team.id, body) : createTeam(me.accountId, body));
      teams.reload();
      onDone();
    });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={team ? `Edit team ${team.name}` : 'New team'}>
      <ErrorText error={error} />
      <Field label="Team name"><input name="name" required defaultValue={team?.name ?? ''} /></Field>
      <Field label="Description"><input name="description" defaultValue={team?.description ?? ''} /></Field>
      <label className="check"><input name="allow_auto_assign" type="checkbox" defaultChecked={team?.allow_auto_assign ?? true} /> Assign conversations to members automatically</label>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save team</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

function TeamMembers({ team }: { team: Team }) {
  const me = useMe();
  const agents = useAgents(me.accountId).data ?? [];
  const members = useQuery(`a${me.accountId}:team:${team.id}:members`, () => teamMembers(me.accountId, team.id));
  const [selected, setSelected] = useState<number[]>([]);
  const { error, busy, run } = useAction();
  useEffect(() => setSelected(members.data?.map((m) => m.id) ?? []), [members.data]);
  return (
    <div aria-label={`Members of ${team.name}`} role="group">
      <ErrorText error={error ?? members.error} />
      {agents.map((a) => (
        <label key={a.id} className="check">
          <input type="checkbox" checked={selected.includes(a.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, a.id] : selected.filter((x) => x !== a.id))} />
          {a.name}
        </label>
      ))}
      <button disabled={busy} onClick={() => void run(async () => { await setTeamMembers(me.accountId, team.id, selected); members.reload(); })}>Save members</button>
    </div>
  );
}

/** Teams: list, create, edit, members, delete. */
export function TeamSettings() {
  const me = useMe();
  const teams = useTeams(me.accountId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const { error, run } = useAction();
  return (
    <div>
      <header className="page-header"><h1>Teams</h1><button className="primary" onClick={() => setEditing('new')}>New team</button></header>
      <ErrorText error={error ?? teams.error} />
      {editing === 'new' ? <TeamForm onDone={() => setEditing(null)} /> : null}
      {!teams.data ? <Spinner /> : teams.data.length === 0 ? <Empty title="No teams yet" /> : null}
      <ul className="plain-list">
        {teams.data?.map((team) => editing === team.id ? <li key={team.id}><TeamForm team={team} onDone={() => setEditing(null)} /></li> : (
          <li key={team.id} className="card">
            <div className="row">
              <span><strong>{team.name}</strong><br /><small className="muted">{team.description}</small></span>
              <span className="row-actions">
                <button onClick={() => setOpen(open === team.id ? null : team.id)} aria-expanded={open === team.id}>Members</button>
                <button onClick={() => setEditing(team.id)} aria-label={`Edit ${team.name}`}>Edit</button>
                <button className="danger" aria-label={`Delete ${team.name}`} onClick={() => {
                  if (window.confirm(`Delete the team ${team.name}?`)) {
                    void run(async () => { await deleteTeam(me.accountId, team.id); teams.reload(); });
                  }
                }}>Delete</button>
              </span>
            </div>
            {open === team.id ? <TeamMembers team={team} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
