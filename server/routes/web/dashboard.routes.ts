import { extname } from 'node:path';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { builtAppDir, findFile, sendFile } from '../../web/static-files.js';
import type { RoutePlugin } from '../types.js';

const WildcardParams = Type.Object({ '*': Type.String({ maxLength: 2048 }) });

/**
 * The agent dashboard, a single-page app built into dist/web/dashboard, under `/app/`.
 * Hashed files under `assets/` are cached for good; any path without a file extension is a
 * client-side route (`/app/accounts/1/conversations/7`) and gets index.html.
 */
export const dashboardRoutes: RoutePlugin = (app) => {
  const dir = builtAppDir('dashboard');

  const sendIndex = async (reply: FastifyReply) => {
    const index = await findFile(dir, 'index.html');
    if (!index) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The dashboard has not been built: run `npm run build`.');
    }
    return sendFile(reply, index, { immutable: false });
  };

  // The router ignores trailing slashes, so `/app/` arrives here too.
  app.get('/app', { schema: { hide: true } }, async (request, reply) =>
    (request.url.split('?')[0] === '/app' ? reply.redirect('/app/', 302) : sendIndex(reply)));

  app.get('/app/*', { schema: { hide: true, params: WildcardParams } }, async (request, reply) => {
    const path = request.params['*'];
    if (extname(path) === '') {
      return sendIndex(reply);
    }
    const file = await findFile(dir, path);
    if (!file) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    return sendFile(reply, file, { immutable: path.startsWith('assets/') });
  });
};
