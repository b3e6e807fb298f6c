import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The loader a site's snippet fetches from /packs/js/sdk.js: one IIFE file at a fixed name.
// Its size budget (5 KB gzipped) is checked by server/web/widget-budget.test.ts on the built file.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/widget-sdk', import.meta.url)),
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/sdk.ts', import.meta.url)),
      formats: ['iife'],
      name: 'parleyWidgetSdk',
      fileName: () => 'sdk.js',
    },
  },
});
