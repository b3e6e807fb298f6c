import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { webWidgetScript } from '../../presenters/channel-web-widget.presenter.js';

/** A host page carrying the embed snippet the inbox API hands out, with optional chatwootSettings before it. */
export function hostPage(parley: string, websiteToken: string, settings: Record<string, unknown> = {}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>A shop</h1><p>Products and prices.</p>
<script>window.chatwootSettings = ${JSON.stringify(settings)};</script>
${webWidgetScript(parley, websiteToken)}</body></html>`;
}

/** A plain site on another port: `/<name>` serves the page registered under that name. */
export async function startSite(): Promise<{ base: string; pages: Map<string, string> }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages };
}
