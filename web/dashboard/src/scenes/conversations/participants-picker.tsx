import { useEffect, useState } from 'react';
import { addParticipants, listParticipants, removeParticipants } from '../../api/endpoints';
import type { Agent } from '../../api/types';
import { Spinner } from '../../components/ui';
import { useQuery } from '../../lib/query';

/** Participants of a conversation: agents who follow it (notified of new messages); add or remove from the account's agents. */
export function ParticipantsPicker({ accountId, conversationId, agents, onError }: {
  accountId: number; conversationId: number; agents: Agent[]; onError: (e: Error) => void;
}) {
  const [open, setOpen] = useState(false);
  const participants = useQuery(`a${accountId}:conversation:${conversationId}:participants`, () => listParticipants(accountId, conversationId));
  // The choice shows at once; the server's list replaces it when it comes back.
  const [override, setOverride] = useState<number[] | null>(null);
  useEffect(() => setOverride(null), [participants.data]);
  const ids = override ?? participants.data?.map((p) => p.id) ?? [];
  const handleToggle = (agent: Agent, on: boolean) => {
    setOverride(on ? [...ids, agent.id] : ids.filter((id) => id !== agent.id));
    const change = on ? addParticipants(accountId, conversationId, [agent.id]) : removeParticipants(accountId, conversationId, [agent.id]);
    change.then(participants.reload, (e: Error) => { onError(e); participants.reload(); });
  };
  return (
    <span className="label-picker">
      <button aria-expanded={open} onClick={() => setOpen(!open)}>Participants{ids.length ? ` (${ids.length})` : ''}</button>
      {open ? (
        <div className="popover" role="group" aria-label="Participants">
          {!participants.data ? <Spinner /> : null}
          {agents.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={ids.includes(a.id)} disabled={!participants.data} onChange={(e) => handleToggle(a, e.target.checked)} />
              {a.available_name ?? a.name}
            </label>
          ))}
        </div>
      ) : null}
    </span>
  );
}
