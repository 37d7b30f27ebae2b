#!/usr/bin/env node
// `npm start`: runs the desktop app from this checkout. Needs Electron's binary (not installed by
// `npm run setup`, which skips the download) and an Electron build of better-sqlite3, which it
// prepares once in .electron-native/ next to the Node build the tests use (see docs/desktop.md).
//
//   node scripts/desktop.mjs                   prepare the native build, electron-vite build, launch
//   node scripts/desktop.mjs --prepare-native  only prepare .electron-native/ (before packaging)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const nativeDir = join(root, '.electron-native');
const nativeFile = 'better_sqlite3.node';

/** The Electron version pinned in node_modules (the binary may be missing). */
export function electronVersion(electronDir = dirname(require.resolve('electron/package.json'))) {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** Path of Electron's executable, or null when its binary was never downloaded. */
export function electronBinaryPath(electronDir = dirname(require.resolve('electron/package.json'))) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** What to tell a person whose checkout has no Electron binary. */
export function missingElectronMessage(version) {
  return [
    `Cuadra desktop: Electron ${version} is installed without its binary (node_modules/electron/dist is missing).`,
    '`npm run setup` skips that download on purpose (ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
    '',
    'On a machine with internet access, download it once (with ELECTRON_SKIP_BINARY_DOWNLOAD unset),',
    'then start again:',
    '  node node_modules/electron/install.js',
    '  npm start',
    '',
    'Without Electron, run the same app in your browser instead:',
    '  npm run serve',
  ].join('\n');
}

/** Environment for native builds: npm's `nodedir` (set on these machines) would build against Node's headers. */
function nativeBuildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

function run(command, args, options) {
  console.log(`desktop: ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status === 0;
}

/** The stamp that says which Electron and better-sqlite3 the prepared binary belongs to. */
export function nativeStamp(electron, betterSqlite3, platform = process.platform, arch = process.arch) {
  return { electron, betterSqlite3, platform, arch };
}

/** True when `dir` holds a binary prepared for exactly this stamp. */
export function nativeIsCurrent(dir, stamp) {
  try {
    const found = JSON.parse(readFileSync(join(dir, 'stamp.json'), 'utf8'));
    return existsSync(join(dir, nativeFile)) && JSON.stringify(found) === JSON.stringify(stamp);
  } catch {
    return false;
  }
}

/**
 * A binary built for Electron refuses to load in Node with a NODE_MODULE_VERSION error naming
 * Electron's ABI; one that loads, or names another ABI, is the wrong build.
 */
export function checkElectronAbi(file, abi) {
  try {
    process.dlopen({ exports: {} }, file);
  } catch (error) {
    const message = String(error && error.message);
    if (message.includes(`NODE_MODULE_VERSION ${abi}`)) return null;
    return `it does not load as an Electron ${abi} module: ${message.split('\n')[0]}`;
  }
  return `it is a build for this Node (ABI ${process.versions.modules}), not for Electron (ABI ${abi})`;
}

/**
 * Puts better-sqlite3 compiled for Electron into .electron-native/, leaving node_modules (the Node
 * build the tests load) untouched: works on a copy of the package, first with its prebuilt
 * binary for Electron, then by compiling against Electron's headers.
 */
export function prepareNative() {
  const electron = electronVersion();
  const electronDir = dirname(require.resolve('electron/package.json'));
  const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const betterSqlite3 = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const stamp = nativeStamp(electron, betterSqlite3);
  if (nativeIsCurrent(nativeDir, stamp)) {
    console.log(`desktop: .electron-native/${nativeFile} is ready (better-sqlite3 ${betterSqlite3}, Electron ${electron})`);
    return true;
  }
  const work = mkdtempSync(join(tmpdir(), 'cuadra-native-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(packageDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(packageDir, 'build')) });
    const env = nativeBuildEnv();
    const target = ['--runtime', 'electron', '--target', electron, '--arch', process.arch, '--platform', process.platform];
    const built =
      run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target, '--verbose'], { cwd: copy, env }) ||
      run(
        process.execPath,
        [
          require.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electron}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: copy, env },
      );
    const output = join(copy, 'build', 'Release', nativeFile);
    if (!built || !existsSync(output)) {
      console.error(
        'desktop: could not get better-sqlite3 for Electron. It needs internet access (GitHub for the\n' +
          'prebuilt binary, electronjs.org for headers) and, to compile, Python 3 and a C++ toolchain.',
      );
      return false;
    }
    const wrong = checkElectronAbi(output, abi);
    if (wrong) {
      console.error(`desktop: the better-sqlite3 binary is unusable: ${wrong}.`);
      return false;
    }
    mkdirSync(nativeDir, { recursive: true });
    copyFileSync(output, join(nativeDir, nativeFile));
    writeFileSync(join(nativeDir, 'stamp.json'), `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`desktop: wrote .electron-native/${nativeFile} (Electron ABI ${abi})`);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Builds the app with electron-vite, then runs Electron on it; resolves to Electron's exit code. */
function buildAndLaunch(binary, extraArgs) {
  if (!run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { cwd: root })) return 1;
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const result = spawnSync(binary, ['.', ...extraArgs], { cwd: root, stdio: 'inherit', env });
  if (result.error) {
    console.error(`desktop: could not start Electron: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** `npm start`: exits non-zero with a clear message where Electron cannot run. */
function main(argv) {
  if (argv.includes('--prepare-native')) return prepareNative() ? 0 : 1;
  const binary = electronBinaryPath();
  if (!binary) {
    console.error(missingElectronMessage(electronVersion()));
    return 1;
  }
  if (!prepareNative()) return 1;
  return buildAndLaunch(binary, argv.filter((arg) => arg !== '--'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
