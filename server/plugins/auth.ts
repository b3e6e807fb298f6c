import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../context.js';
import type { AccountRow } from '../db/schema.js';
import { HttpError, notFound, unauthorized } from '../lib/errors.js';
import { digest, safeEqual } from '../lib/tokens.js';
import { authenticateSession } from '../operations/auth/user-sessions.js';
import { accessTokenRepository } from '../repositories/access-token.repository.js';
import { accountRepository } from '../repositories/account.repository.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { customRoleRepository } from '../repositories/custom-role.repository.js';
import { agentBotRepository } from '../repositories/agent-bot.repository.js';
import { platformAppRepository } from '../repositories/platform-app.repository.js';
import { userRepository } from '../repositories/user.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by the scope's auth hook. */
    actor: Actor;
    /** The account addressed by `:account_id`, set on account-scoped routes. */
    account: AccountRow;
  }
  interface FastifyContextConfig {
    /** Agent bots may call this route (Chatwoot's bot allow-list). */
    botAllowed?: boolean;
  }
}

const NOT_SIGNED_IN = new HttpError(401, { errors: ['You need to sign in or sign up before continuing.'] });

/** The token from `api_access_token` (or its `Api-Access-Token` spelling). */
function tokenOf(request: FastifyRequest): string | null {
  const value = request.headers.api_access_token ?? request.headers['api-access-token'];
  const token = Array.isArray(value) ? value[0] : value;
  return token ? token.trim() : null;
}

/** True for a positive integer that fits an integer column (larger ids cannot exist). */
function isDatabaseId(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
}

function headerOf(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text.trim() : null;
}

/**
 * The devise_token_auth credentials of a signed-in client: the `access-token`, `client`
 * and `uid` headers, or the same three packed in `Authorization: Bearer <base64 JSON>`.
 */
export function sessionCredentialsOf(request: FastifyRequest): { uid: string; client: string; accessToken: string } | null {
  let accessToken = headerOf(request, 'access-token');
  let client = headerOf(request, 'client');
  let uid = headerOf(request, 'uid');
  const authorization = headerOf(request, 'authorization');
  if ((!accessToken || !client || !uid) && authorization?.startsWith('Bearer ')) {
    try {
      const packed = JSON.parse(Buffer.from(authorization.slice(7), 'base64').toString('utf8')) as Record<string, unknown>;
      accessToken = typeof packed['access-token'] === 'string' ? packed['access-token'] : null;
      client = typeof packed.client === 'string' ? packed.client : null;
      uid = typeof packed.uid === 'string' ? packed.uid : null;
    } catch {
      return null;
    }
  }
  return accessToken && client && uid ? { uid, client, accessToken } : null;
}

type TokenOwner = { type: 'User' | 'AgentBot' | 'PlatformApp'; id: number };

async function ownerOf(deps: Deps, token: string): Promise<TokenOwner | null> {
  const tokenDigest = digest(token);
  const row = await accessTokenRepository.findByDigest(deps.db.kysely, tokenDigest);
  if (!row || !safeEqual(row.token_digest, tokenDigest)) {
    return null;
  }
  return { type: row.owner_type, id: row.owner_id };
}

/**
 * The caller of the Application API, or a 401 in Chatwoot's words: the owner of the
 * `api_access_token` when one is sent (it wins, as in Chatwoot), else the user signed in
 * with the devise_token_auth headers (`access-token`, `client`, `uid`).
 */
async function userOrBotFromToken(deps: Deps, request: FastifyRequest): Promise<Actor> {
  const token = tokenOf(request);
  if (!token) {
    const credentials = sessionCredentialsOf(request);
    const signedIn = credentials ? await authenticateSession(deps.db.kysely, credentials) : null;
    if (!signedIn) {
      throw NOT_SIGNED_IN;
    }
    return { type: 'User', id: signedIn.user.id, user: signedIn.user, membership: null };
  }
  const owner = await ownerOf(deps, token);
  if (owner?.type === 'User') {
    const user = await userRepository.findById(deps.db.kysely, owner.id);
    if (user) {
      return { type: 'User', id: user.id, user, membership: null };
    }
  }
  if (owner?.type === 'AgentBot') {
    const bot = await agentBotRepository.findById(deps.db.kysely, owner.id);
    if (bot) {
      return { type: 'AgentBot', id: bot.id, bot };
    }
  }
  throw unauthorized('Invalid Access Token');
}

/** onRequest hook for user-only routes outside an account (`/api/v1/profile`). */
export function requireUser(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const actor = await userOrBotFromToken(deps, request);
    if (actor.type !== 'User') {
      throw unauthorized('Access to this endpoint is not authorized for bots');
    }
    request.actor = actor;
  };
}

/**
 * onRequest hook for `/api/v1/accounts/:account_id/…`: authenticates the token,
 * loads the account (404 when missing), and checks membership, suspension and the
 * bot allow-list, answering as Chatwoot does.
 */
export function requireAccountAccess(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const actor = await userOrBotFromToken(deps, request);
    const accountId = Number((request.params as { account_id?: string }).account_id);
    const account = isDatabaseId(accountId) ? await accountRepository.findById(deps.db.kysely, accountId) : undefined;
    if (!account) {
      throw notFound();
    }
    if (actor.type === 'AgentBot') {
      if (!request.routeOptions.config.botAllowed) {
        throw unauthorized('Access to this endpoint is not authorized for bots');
      }
      if (!(await agentBotRepository.mayAccessAccount(deps.db.kysely, actor.bot, account.id))) {
        throw unauthorized('Bot is not authorized to access this account');
      }
    } else if (actor.type === 'User') {
      const membership = await accountUserRepository.find(deps.db.kysely, account.id, actor.id);
      if (!membership) {
        throw unauthorized('You are not authorized to access this account');
      }
      actor.membership = membership;
      actor.customRole = membership.custom_role_id === null
        ? null
        : (await customRoleRepository.findById(deps.db.kysely, account.id, membership.custom_role_id)) ?? null;
    }
    if (account.status === 1) {
      throw unauthorized('Account is suspended');
    }
    request.actor = actor;
    request.account = account;
  };
}

/** onRequest hook for `/platform/api/v1/…`: the token must belong to a platform app. */
export function requirePlatformApp(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = tokenOf(request);
    const owner = token ? await ownerOf(deps, token) : null;
    const app = owner?.type === 'PlatformApp' ? await platformAppRepository.findById(deps.db.kysely, owner.id) : undefined;
    if (!app) {
      throw unauthorized('Invalid access_token');
    }
    request.actor = { type: 'PlatformApp', id: app.id, app };
  };
}
