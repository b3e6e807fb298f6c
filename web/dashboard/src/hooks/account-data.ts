import { listAgents, listCannedResponses, listInboxes, listLabels } from '../api/endpoints';
import { api } from '../api/client';
import type { Team } from '../api/types';
import { useQuery } from '../lib/query';

/** The account's inboxes, agents, labels and teams, cached for every screen that shows them. */
export const useInboxes = (accountId: number) => useQuery(`a${accountId}:inboxes`, async () => (await listInboxes(accountId)).payload);
export const useAgents = (accountId: number) => useQuery(`a${accountId}:agents`, () => listAgents(accountId));
export const useLabels = (accountId: number) => useQuery(`a${accountId}:labels`, async () => (await listLabels(accountId)).payload);
/** Teams, when the server has them (an empty list otherwise). */
export const useTeams = (accountId: number) => useQuery(`a${accountId}:teams`, async () => {
  try {
    return await api<Team[]>('GET', `/api/v1/accounts/${accountId}/teams`);
  } catch {
    return [] as Team[];
  }
});
export const useCannedResponses = (accountId: number) => useQuery(`a${accountId}:canned`, () => listCannedResponses(accountId));
