// The ingress UI: relative base so every asset URL works under /api/hassio_ingress/<token>/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // Always Lit's production build, also when a test process (NODE_ENV=test) runs the build.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    // The cards build runs after this one and adds dist/cards/.
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
