// The dashboard cards: one ES module with Lit bundled in (Home Assistant does not export it), at a stable name.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  // Always Lit's production build, also when a test process (NODE_ENV=test) runs the build.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist/cards',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/cards/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'autoarr-cards.js',
    },
  },
});
