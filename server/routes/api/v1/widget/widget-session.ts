import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../../../../context.js';
import type { Executor } from '../../../../db/dialect.js';
import type { AccountRow, ChannelWebWidgetRow, ContactInboxRow, ContactRow, ConversationRow, InboxRow } from '../../../../db/schema.js';
import { HttpError, notFound, orNotFound, unauthorized } from '../../../../lib/errors.js';
import { signJwt, verifyJwt } from '../../../../lib/jwt.js';
import { createRateLimiter } from '../../../../lib/rate-limit.js';
import { allowedDomainList } from '../../../../operations/inboxes/web-widget-attributes.js';
import { findLatestPublicConversation } from '../../../../finders/public-conversations.finder.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { channelWebWidgetRepository } from '../../../../repositories/channel-web-widget.repository.js';
import { contactInboxRepository } from '../../../../repositories/contact-inbox.repository.js';
import { contactRepository } from '../../../../repositories/contact.repository.js';

/** The website inbox a widget request addresses by `website_token`. */
export interface WebWidget {
  channel: ChannelWebWidgetRow;
  inbox: InboxRow;
  account: AccountRow;
}

/** A widget visitor: the contact inbox named by the X-Auth-Token and its contact. */
export interface Visitor {
  contactInbox: ContactInboxRow;
  contact: ContactRow;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The website inbox of a widget API request. */
    webWidget: WebWidget;
  }
}

/** Widget tokens last 180 days (Widget::TokenService::DEFAULT_EXPIRY_DAYS). */
const TOKEN_DAYS = 180;
const SUSPENDED = 1;
const MINUTE = 60_000;

/** The visitor token the widget keeps (`X-Auth-Token`): HS256 over source_id and inbox_id with SECRET_KEY_BASE. */
export function visitorToken(secret: string, contactInbox: ContactInboxRow): string {
  const iat = Math.floor(Date.now() / 1000);
  return signJwt({ source_id: contactInbox.source_id, inbox_id: contactInbox.inbox_id, exp: iat + TOKEN_DAYS * 86_400, iat }, secret);
}

/** The claims of the request's X-Auth-Token when it is valid and for this inbox; {} otherwise. */
export function tokenClaims(request: FastifyRequest, secret: string): { source_id?: string } {
  const header = request.headers['x-auth-token'];
  const claims = typeof header === 'string' && header !== '' ? verifyJwt(header, secret) : null;
  if (!claims || typeof claims.source_id !== 'string' || claims.inbox_id !== request.webWidget?.inbox.id) {
    return {};
  }
  return { source_id: claims.source_id };
}

/** True when `host` (host[:port]) or its hostname matches one allowed pattern (`*.example.com` matches subdomains). */
export function hostAllowed(url: URL, patterns: string[]): boolean {
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    const subject = p.includes(':') ? url.host : url.hostname;
    return p.startsWith('*.') ? subject.endsWith(p.slice(1)) : subject === p;
  });
}

/**
 * Whether the site calling may use the widget: always when no domain is configured or the
 * request carries no Origin/Referer (not a browser page); otherwise the page must be on an
 * allowed domain or be Parley itself (the widget iframe).
 */
function originAllowed(request: FastifyRequest, channel: ChannelWebWidgetRow, frontendUrl: string): boolean {
  const patterns = allowedDomainList(channel.allowed_domains);
  const source = request.headers.origin ?? request.headers.referer;
  if (patterns.length === 0 || !source || source === 'null') {
    return patterns.length === 0 || !source;
  }
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false;
  }
  const own = [new URL(frontendUrl).host, request.headers.host ?? ''];
  return own.includes(url.host) || hostAllowed(url, patterns);
}

/** The website token of a request: the query's, else the JSON body's. */
function websiteTokenOf(request: FastifyRequest): string {
  const fromQuery = (request.query as { website_token?: unknown } | undefined)?.website_token;
  const fromBody = (request.body as { website_token?: unknown } | undefined)?.website_token;
  const token = typeof fromQuery === 'string' ? fromQuery : fromBody;
  return typeof token === 'string' ? token : '';
}

/**
 * The scope's preValidation hook, in order: the widget by website_token (404), the
 * account active (401), the calling site allowed (403), and the rate limits per client
 * IP and per visitor (429), counted across nodes when Redis is configured.
 */
export function loadWebWidget(deps: Deps) {
  const perIp = createRateLimiter(deps, 'widget-ip', () => deps.env.widgetRateLimitPerIp, MINUTE);
  const perVisitor = createRateLimiter(deps, 'widget-visitor', () => deps.env.widgetRateLimitPerVisitor, MINUTE);
  const db = deps.db.kysely;
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = websiteTokenOf(request);
    const found = token && token.length <= 255 ? await channelWebWidgetRepository.findByWebsiteToken(db, token) : undefined;
    const account = found && (await accountRepository.findById(db, found.channel.account_id));
    if (!found || !account) {
      throw notFound();
    }
    if (account.status === SUSPENDED) {
      throw unauthorized('Account is suspended');
    }
    if (!originAllowed(request, found.channel, deps.env.frontendUrl)) {
      throw new HttpError(403, { error: 'This website is not allowed to use the widget' });
    }
    request.webWidget = { ...found, account };
    request.account = account;
    const visitor = tokenClaims(request, deps.env.secretKeyBase).source_id;
    if (!(await perIp.hit(request.ip)) || (visitor !== undefined && !(await perVisitor.hit(`${found.inbox.id}:${visitor}`)))) {
      throw new HttpError(429, { error: 'Too many requests' });
    }
  };
}

/** The visitor named by the X-Auth-Token, if there is one in this inbox. */
export async function findVisitor(request: FastifyRequest, db: Executor, secret: string): Promise<Visitor | undefined> {
  const sourceId = tokenClaims(request, secret).source_id;
  const contactInbox = sourceId ? await contactInboxRepository.findBySource(db, request.webWidget.inbox.id, sourceId) : undefined;
  const contact = contactInbox && (await contactRepository.findById(db, request.webWidget.account.id, contactInbox.contact_id));
  return contactInbox && contact ? { contactInbox, contact } : undefined;
}

/** The visitor named by the X-Auth-Token; 404 when there is none (Chatwoot's set_contact). */
export async function visitorOf(request: FastifyRequest, db: Executor, secret: string): Promise<Visitor> {
  return orNotFound(await findVisitor(request, db, secret));
}

/** The visitor's latest conversation in this inbox (Widget::BaseController#conversation), if any. */
export function currentConversation(db: Executor, request: FastifyRequest, contactInbox: ContactInboxRow): Promise<ConversationRow | undefined> {
  return findLatestPublicConversation(db, contactInbox, request.webWidget.account.id);
}

/** An operation context in the widget's account acting as the visitor's contact. */
export function widgetCtx(request: FastifyRequest, deps: Deps, db: Executor, contactId: number | null): Ctx {
  return {
    db, accountId: request.webWidget.account.id, env: deps.env,
    actor: contactId === null ? { type: 'System', id: null } : { type: 'Contact', id: contactId },
  };
}

/** preValidation hook: a POST sent without a body validates as `{}`. */
export async function emptyBody(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.body === undefined || request.body === null) {
    request.body = {};
  }
}
