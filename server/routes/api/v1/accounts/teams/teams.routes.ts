import { withTransaction, type Actor, type Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { TeamRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createTeam } from '../../../../../operations/teams/create-team.js';
import { deleteTeam } from '../../../../../operations/teams/delete-team.js';
import { addTeamMembers, removeTeamMembers, replaceTeamMembers } from '../../../../../operations/teams/team-members.js';
import { updateTeam } from '../../../../../operations/teams/update-team.js';
import { authorizeTeam } from '../../../../../policies/team.policy.js';
import { presentTeam } from '../../../../../presenters/team.presenter.js';
import { teamRepository } from '../../../../../repositories/team.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import { presentAgentsByIds } from '../agents/load-agents.js';
import {
  AccountParams, EmptyResponse, TeamBody, TeamListResponse, TeamMembersBody, TeamMembersParams, TeamMembersResponse, TeamParams,
  TeamResponse,
} from './teams.schemas.js';

const FIELDS = ['name', 'description', 'allow_auto_assign'];

/** The account's team, or 404 (loaded before authorizing, as Chatwoot does). */
async function loadTeam(db: Executor, accountId: number, id: number): Promise<TeamRow> {
  return orNotFound(await teamRepository.findById(db, accountId, id));
}

/** The teams among `teams` the calling user belongs to (`is_member`). */
async function memberships(db: Executor, actor: Actor, teams: TeamRow[]): Promise<Set<number>> {
  return actor.type === 'User' ? teamRepository.memberTeamIds(db, actor.id, teams.map((t) => t.id)) : new Set();
}

async function present(db: Executor, actor: Actor, team: TeamRow) {
  return presentTeam(team, (await memberships(db, actor, [team])).has(team.id));
}

/** The given users of the team as agents (Chatwoot answers a bare array). */
async function agentsOf(deps: Deps, accountId: number, userIds: number[]) {
  return presentAgentsByIds(deps.db.kysely, accountId, userIds, deps.presence);
}

/** Teams: list, show (every member), create, update, delete (administrators). */
export const teamRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Teams'];

  app.get('/', { schema: { tags, params: AccountParams, response: TeamListResponse } }, async (request) => {
    authorizeTeam(request.actor, 'index');
    const teams = await teamRepository.list(db, request.account.id);
    const mine = await memberships(db, request.actor, teams);
    return teams.map((team) => presentTeam(team, mine.has(team.id)));
  });

  app.get('/:id', { schema: { tags, params: TeamParams, response: TeamResponse } }, async (request) => {
    const team = await loadTeam(db, request.account.id, request.params.id);
    authorizeTeam(request.actor, 'show');
    return present(db, request.actor, team);
  });

  app.post('/', { preValidation: railsBody('team'), schema: { tags, params: AccountParams, body: TeamBody, response: TeamResponse } }, async (request) => {
    authorizeTeam(request.actor, 'create');
    requireParams(request.body, 'team', FIELDS);
    const team = await withTransaction(deps, (tx) => createTeam(ctxOf(request, deps, tx), request.body));
    return present(db, request.actor, team);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: railsBody('team'),
    schema: { tags, params: TeamParams, body: TeamBody, response: TeamResponse },
    handler: async (request) => {
      const team = await withTransaction(deps, async (tx) => {
        const found = await loadTeam(tx, request.account.id, request.params.id);
        authorizeTeam(request.actor, 'update');
        requireParams(request.body, 'team', FIELDS);
        return updateTeam(ctxOf(request, deps, tx), found, request.body);
      });
      return present(db, request.actor, team);
    },
  });

  app.delete('/:id', { schema: { tags, params: TeamParams, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const team = await loadTeam(tx, request.account.id, request.params.id);
      authorizeTeam(request.actor, 'destroy');
      await deleteTeam(ctxOf(request, deps, tx), team);
    });
    return reply.code(200).send(undefined as never);
  });

  // Team members: list (every member of the account), add, replace, remove (administrators).
  const memberSchema = { tags: ['Team members'], params: TeamMembersParams };

  app.get('/:team_id/team_members', { schema: { ...memberSchema, response: TeamMembersResponse } }, async (request) => {
    const team = await loadTeam(db, request.account.id, request.params.team_id);
    authorizeTeam(request.actor, 'index');
    return agentsOf(deps, request.account.id, await teamRepository.memberIds(db, team.id));
  });

  app.post('/:team_id/team_members', { schema: { ...memberSchema, body: TeamMembersBody, response: TeamMembersResponse } }, async (request) => {
    const added = await withTransaction(deps, async (tx) => {
      const team = await loadTeam(tx, request.account.id, request.params.team_id);
      authorizeTeam(request.actor, 'manageMembers');
      return addTeamMembers(ctxOf(request, deps, tx), team, request.body.user_ids);
    });
    return agentsOf(deps, request.account.id, added);
  });

  app.patch('/:team_id/team_members', { schema: { ...memberSchema, body: TeamMembersBody, response: TeamMembersResponse } }, async (request) => {
    const team = await withTransaction(deps, async (tx) => {
      const found = await loadTeam(tx, request.account.id, request.params.team_id);
      authorizeTeam(request.actor, 'manageMembers');
      await replaceTeamMembers(ctxOf(request, deps, tx), found, request.body.user_ids);
      return found;
    });
    return agentsOf(deps, request.account.id, await teamRepository.memberIds(db, team.id));
  });

  app.delete('/:team_id/team_members', { schema: { ...memberSchema, body: TeamMembersBody, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const team = await loadTeam(tx, request.account.id, request.params.team_id);
      authorizeTeam(request.actor, 'manageMembers');
      await removeTeamMembers(ctxOf(request, deps, tx), team, request.body.user_ids);
    });
    return reply.code(200).send(undefined as never);
  });
};
