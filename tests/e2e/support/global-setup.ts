import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Fails early with a clear message when the renderer was not built; prepares the artifacts folder. */
export default function globalSetup(): void {
  if (!existsSync(`${root}/out/renderer/index.html`)) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does) before the end-to-end tests.');
  }
  mkdirSync(`${root}/tests/artifacts`, { recursive: true });
}
