import { useState, type FormEvent } from 'react';
import { createLabel, deleteLabel, updateLabel } from '../../api/endpoints';
import type { Label } from '../../api/types';
import { Chip, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useLabels } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { textOf, useAction } from './use-action';

function LabelForm({ label, onDone }: { label?: Label; onDone: () => void }) {
  const me = useMe();
  const labels = useLabels(me.accountId);
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { title: textOf(form, 'title') ?? '', description: textOf(form, 'description') ?? null, color: String(form.get('color')), show_on_sidebar: form.get('show_on_sidebar') === 'on' };
    void run(async () => {
      await (label ? updateLabel(me.accountId, label.id, body) : createLabel(me.accountId, body));
      labels.reload();
      onDone();
    });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={label ? `Edit label ${label.title}` : 'New label'}>
      <ErrorText error={error} />
      <Field label="Label name" hint="Letters, numbers, - and _ only"><input name="title" required defaultValue={label?.title ?? ''} /></Field>
      <Field label="Description"><input name="description" defaultValue={label?.description ?? ''} /></Field>
      <Field label="Colour"><input name="color" type="color" defaultValue={label?.color ?? '#1f93ff'} /></Field>
      <label className="check"><input name="show_on_sidebar" type="checkbox" defaultChecked={label?.show_on_sidebar ?? true} /> Show in the sidebar</label>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>{label ? 'Save label' : 'Create label'}</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** Labels: list, create, edit, delete. */
export function LabelSettings() {
  const me = useMe();
  const labels = useLabels(me.accountId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  const handleDelete = (label: Label) => {
    if (window.confirm(`Delete the label "${label.title}"?`)) {
      void run(async () => { await deleteLabel(me.accountId, label.id); labels.reload(); });
    }
  };
  return (
    <div>
      <header className="page-header"><h1>Labels</h1><button className="primary" onClick={() => setEditing('new')}>New label</button></header>
      <ErrorText error={error ?? labels.error} />
      {editing === 'new' ? <LabelForm onDone={() => setEditing(null)} /> : null}
      {!labels.data ? <Spinner /> : labels.data.length === 0 ? <Empty title="No labels yet" /> : null}
      <table className="table">
        <tbody>
          {labels.data?.map((l) => editing === l.id ? (
            <tr key={l.id}><td colSpan={3}><LabelForm label={l} onDone={() => setEditing(null)} /></td></tr>
          ) : (
            <tr key={l.id}>
              <td><Chip color={l.color}>{l.title}</Chip></td><td>{l.description}</td>
              <td className="row-actions"><button onClick={() => setEditing(l.id)} aria-label={`Edit ${l.title}`}>Edit</button><button className="danger" onClick={() => handleDelete(l)} aria-label={`Delete ${l.title}`}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
