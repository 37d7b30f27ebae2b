import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'core', include: ['tests/core/**/*.test.ts', 'tests/host/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/importers/**/*.test.ts', 'tests/imports/**/*.test.ts', 'tests/books/**/*.test.ts', 'tests/matching/**/*.test.ts', 'tests/queries/**/*.test.ts', 'tests/reconcile/**/*.test.ts', 'tests/reports/**/*.test.ts', 'tests/embed/**/*.test.ts', 'tests/secrets/**/*.test.ts'], environment: 'node', testTimeout: 30000, hookTimeout: 30000 } },
      { extends: true, test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node', testTimeout: 30000 } },
      { extends: true, test: { name: 'contract', include: ['tests/contract/**/*.test.ts', 'tests/lint/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'shell', include: ['tests/shell/**/*.test.ts', 'tests/serve/**/*.test.ts'], environment: 'node', testTimeout: 30000, hookTimeout: 30000 } },
      { extends: true, plugins: [react()], test: { name: 'renderer', include: ['tests/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom', testTimeout: 20000 } },
    ],
  },
});
