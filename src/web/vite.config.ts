import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The SPA builds into <repo>/dist/web, which the server serves with an index.html fallback.
// echarts is only reached through dynamic import(), so Rollup puts it in its own chunk.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    // The only chunk over 500 kB is echarts (506 kB), which is loaded on demand by the first chart,
    // never by the first page: the warning would be noise at every build.
    chunkSizeWarningLimit: 550,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
