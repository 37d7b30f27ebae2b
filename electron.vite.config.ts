import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string): string => resolve(root, path);

/** Native or OS-bound packages: loaded from node_modules at run time, never bundled. */
const nativeExternals = ['better-sqlite3', 'bcrypt', 'sqlite-vec', 'keytar'];

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: { include: nativeExternals },
      lib: {
        entry: { index: at('main/shell/index.ts'), worker: at('main/core/host/worker.ts') },
        formats: ['es'],
      },
      rolldownOptions: { external: nativeExternals },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      lib: { entry: { index: at('preload/index.ts') }, formats: ['cjs'] },
      // A sandboxed preload cannot load ES modules: one CommonJS file, only `electron` external.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: at('renderer'),
    // renderer/index.html carries its own CSP <meta>; the shell adds the strict policy as a header.
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});
