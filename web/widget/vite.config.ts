import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The chat app inside the widget iframe, served by Parley at /widget (server/routes/web/widget.routes.ts).
// Its size budget (40 KB gzipped) is checked by server/web/widget-budget.test.ts on the built files.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/widget/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/widget', import.meta.url)),
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: false,
    modulePreload: false,
  },
});
