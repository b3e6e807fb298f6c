import type { FastifyReply } from 'fastify';
import { allowedDomainList } from '../../operations/inboxes/web-widget-attributes.js';
import { channelWebWidgetRepository } from '../../repositories/channel-web-widget.repository.js';
import { builtAppDir, findFile, sendFile } from '../../web/static-files.js';
import { hostAllowed } from '../api/v1/widget/widget-session.js';
import type { RoutePlugin } from '../types.js';

const WIDGET_DIR = builtAppDir('widget');
const SDK_DIR = builtAppDir('widget-sdk');

/** `frame-ancestors` for the allowed domains; a domain without a port allows any port. */
export function frameAncestors(domains: string[]): string {
  return `frame-ancestors 'self' ${domains.map((d) => (d.includes(':') ? d : `${d}:*`)).join(' ')}`;
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(503).type('text/plain; charset=utf-8').send('The widget is not built: run npm run build.');
}

/**
 * The website widget's files: the loader at /packs/js/sdk.js (the path Chatwoot's snippet uses),
 * the chat app at /widget?website_token=… and its assets. A site outside the inbox's allowed
 * domains cannot frame the app (frame-ancestors) and is refused when its page is the referrer.
 */
export const widgetWebRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/packs/js/sdk.js', { schema: { hide: true } }, async (_request, reply) => {
    const file = await findFile(SDK_DIR, 'sdk.js');
    return file ? sendFile(reply, file, { immutable: false }).header('access-control-allow-origin', '*') : notBuilt(reply);
  });

  app.get('/widget', { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as { website_token?: unknown }).website_token;
    const found = typeof token === 'string' && token.length > 0 && token.length <= 255
      ? await channelWebWidgetRepository.findByWebsiteToken(db, token) : undefined;
    if (!found) {
      return reply.code(404).type('application/json; charset=utf-8').send({ error: 'web widget does not exist' });
    }
    const domains = allowedDomainList(found.channel.allowed_domains);
    if (domains.length > 0) {
      const referer = request.headers.referer;
      const source = referer && URL.canParse(referer) ? new URL(referer) : null;
      const own = source && [new URL(deps.env.frontendUrl).host, request.headers.host].includes(source.host);
      if (source && !own && !hostAllowed(source, domains)) {
        return reply.code(403).type('text/plain; charset=utf-8').header('content-security-policy', "frame-ancestors 'none'")
          .send('This website is not allowed to use the widget.');
      }
      reply.header('content-security-policy', frameAncestors(domains));
    }
    const file = await findFile(WIDGET_DIR, 'index.html');
    return file ? sendFile(reply, file, { immutable: false }).header('referrer-policy', 'strict-origin-when-cross-origin') : notBuilt(reply);
  });

  app.get('/widget/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const file = await findFile(WIDGET_DIR, `assets/${(request.params as { '*': string })['*']}`);
    return file ? sendFile(reply, file, { immutable: true }) : reply.code(404).send({ error: 'Not Found' });
  });
};
