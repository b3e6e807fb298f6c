import { useState, type FormEvent } from 'react';
import { createDashboardApp, deleteDashboardApp, listDashboardApps, updateDashboardApp } from '../../api/endpoints';
import type { DashboardApp } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

function DashboardAppForm({ app, onDone }: { app?: DashboardApp; onDone: () => void }) {
  const me = useMe();
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { title: textOf(form, 'title') ?? '', content: [{ type: 'frame', url: textOf(form, 'url') ?? '' }] };
    void run(async () => { await (app ? updateDashboardApp(me.accountId, app.id, body) : createDashboardApp(me.accountId, body)); onDone(); });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={app ? `Edit dashboard app ${app.title}` : 'New dashboard app'}>
      <ErrorText error={error} />
      <Field label="App name"><input name="title" required defaultValue={app?.title ?? ''} /></Field>
      <Field label="Endpoint URL" hint="An http(s) page; it opens beside the conversation and receives its context"><input name="url" type="url" required defaultValue={app?.content[0]?.url ?? ''} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save app</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** Dashboard apps: pages shown as tabs in the conversation's side panel. */
export function DashboardAppSettings() {
  const me = useMe();
  const apps = useQuery(`a${me.accountId}:dashboard-apps`, () => listDashboardApps(me.accountId));
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  const done = () => { setEditing(null); apps.reload(); };
  const handleDelete = (app: DashboardApp) => {
    if (window.confirm(`Delete the dashboard app "${app.title}"?`)) {
      void run(async () => { await deleteDashboardApp(me.accountId, app.id); apps.reload(); });
    }
  };
  return (
    <div>
      <header className="page-header"><h1>Dashboard apps</h1><button className="primary" onClick={() => setEditing('new')}>Add dashboard app</button></header>
      <p className="muted">Each app is a page shown in a tab beside the conversation. It receives the conversation, the contact and you as Chatwoot's <code>appContext</code> message.</p>
      <ErrorText error={error ?? apps.error} />
      {editing === 'new' ? <DashboardAppForm onDone={done} /> : null}
      {!apps.data ? <Spinner /> : apps.data.length === 0 ? <Empty title="No dashboard apps yet" /> : null}
      <table className="table">
        <tbody>
          {apps.data?.map((app) => editing === app.id ? (
            <tr key={app.id}><td colSpan={3}><DashboardAppForm app={app} onDone={done} /></td></tr>
          ) : (
            <tr key={app.id}>
              <td><strong>{app.title}</strong></td><td><code>{app.content[0]?.url}</code></td>
              <td className="row-actions">
                <button onClick={() => setEditing(app.id)} aria-label={`Edit ${app.title}`}>Edit</button>
                <button className="danger" onClick={() => handleDelete(app)} aria-label={`Delete ${app.title}`}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
