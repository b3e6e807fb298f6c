import { listAgents, listAttributeDefinitions, listCannedResponses, listInboxes, listLabels, listTeams } from '../api/endpoints';
import { useQuery } from '../lib/query';

/** The account's inboxes, agents, labels and teams, cached for every screen that shows them. */
export const useInboxes = (accountId: number) => useQuery(`a${accountId}:inboxes`, async () => (await listInboxes(accountId)).payload);
export const useAgents = (accountId: number) => useQuery(`a${accountId}:agents`, () => listAgents(accountId));
export const useLabels = (accountId: number) => useQuery(`a${accountId}:labels`, async () => (await listLabels(accountId)).payload);
export const useTeams = (accountId: number) => useQuery(`a${accountId}:teams`, () => listTeams(accountId));
export const useCannedResponses = (accountId: number) => useQuery(`a${accountId}:canned`, () => listCannedResponses(accountId));
export const useAttributeDefinitions = (accountId: number) => useQuery(`a${accountId}:attribute-definitions`, () => listAttributeDefinitions(accountId));
