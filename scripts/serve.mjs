#!/usr/bin/env node
// `npm run serve -- [--build] [options]`: builds the screens when they are missing (or when
// --build is given), then runs browser mode (main/serve/index.ts) under tsx with the options.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const wantsBuild = args.includes('--build');
const wantsHelp = args.includes('--help') || args.includes('-h');
const passed = args.filter((arg) => arg !== '--build');

if (!wantsHelp && (wantsBuild || !existsSync(join(root, 'out', 'renderer', 'index.html')))) {
  process.stderr.write('Building the screens (electron-vite build)…\n');
  // The build's own output goes to stderr: stdout carries only the address line.
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write(`cuadra serve: the build failed${build.error ? ` (${build.error.message})` : ''}.\n`);
    process.exit(1);
  }
}

const tsxCli = createRequire(join(root, 'package.json')).resolve('tsx/cli');
const child = spawn(process.execPath, [tsxCli, join(root, 'main', 'serve', 'index.ts'), ...passed], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the whole process group; SIGTERM sent to this process alone is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
