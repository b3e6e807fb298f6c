import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The agent dashboard, served by Parley under /app/ (see server/routes/web/dashboard.routes.ts).
export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The size budget is checked by server/web/dashboard-budget.test.ts on the built files.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000', '/onboarding': 'http://127.0.0.1:3000', '/cable': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
