import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import viteConfig from '../../electron.vite.config.js';
import { resolveShellPaths } from '../../main/shell/shell-paths.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The helpers scripts/desktop.mjs exports (it is plain JavaScript, so typed here). */
interface DesktopScript {
  electronBinaryPath(electronDir?: string): string | null;
  missingElectronMessage(version: string): string;
  nativeStamp(electron: string, betterSqlite3: string): object;
  nativeIsCurrent(dir: string, stamp: object): boolean;
  checkElectronAbi(file: string, abi: string): string | null;
}
const desktop = (await import(pathToFileURL(path.join(root, 'scripts/desktop.mjs')).href)) as DesktopScript;
const require = createRequire(import.meta.url);

interface BuilderConfig {
  npmRebuild?: boolean;
  asarUnpack?: string[];
  extraResources?: Array<{ from: string; to: string; filter?: string[] }>;
  files?: Array<{ filter?: string[] }>;
  appId?: string;
  productName?: string;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
  [key: string]: unknown;
}
interface AppBuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
}
interface BuilderUtil {
  DebugLogger: new (isEnabled: boolean) => unknown;
}

describe('electron-builder.yml', () => {
  // electron-builder's own loader and schema check (it cannot package here: that downloads Electron).
  const configModule = require('app-builder-lib/out/util/config/config') as AppBuilderConfigModule;
  const { DebugLogger } = require('builder-util') as BuilderUtil;
  const loaded = configModule.getConfig(root, null, null);

  it("passes electron-builder's schema", async () => {
    await expect(configModule.validateConfiguration(await loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('never rebuilds native modules and unpacks them from the archive', async () => {
    const config = await loaded;
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/sqlite-vec*/**', 'node_modules/better-sqlite3/**', 'node_modules/bcrypt/**']),
    );
  });

  it('ships the migrations and the Electron build of better-sqlite3 as resources', async () => {
    const config = await loaded;
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'migrations', to: 'migrations' }),
        expect.objectContaining({ from: '.electron-native', to: 'native' }),
      ]),
    );
    const packaged = resolveShellPaths({ userData: '/u', isPackaged: true, resourcesPath: '/r', appPath: '/r/app.asar', mainDir: '/r/app.asar/out/main', exists: () => true });
    expect(packaged.migrationsDir).toBe(path.join('/r', 'migrations'));
    expect(packaged.nativeBinding).toBe(path.join('/r', 'native', 'better_sqlite3.node'));
  });

  it('names the app, its files and the targets of each platform', async () => {
    const config = await loaded;
    expect(config.productName).toBe('Cuadra');
    expect(config.appId).toMatch(/cuadra/);
    expect(config.files?.[0]?.filter).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });
});

describe('electron.vite.config.ts', () => {
  const config = viteConfig as {
    main: { build: { lib: { entry: Record<string, string> }; rolldownOptions: { external: string[] } } };
    preload: { build: { lib: { entry: Record<string, string>; formats: string[] }; rolldownOptions: { output: { format: string; entryFileNames: string } } } };
    renderer: { root: string; build: { outDir: string; rolldownOptions: { input: string } } };
  };

  it('builds the shell and the core worker as two main entries with native packages external', () => {
    const entry = config.main.build.lib.entry;
    expect(entry).toEqual({ index: path.join(root, 'main/shell/index.ts'), worker: path.join(root, 'main/core/host/worker.ts') });
    expect(config.main.build.rolldownOptions.external).toEqual(expect.arrayContaining(['better-sqlite3', 'bcrypt', 'sqlite-vec', 'keytar']));
  });

  it('builds the preload as one CommonJS file where the shell looks for it', () => {
    expect(config.preload.build.lib.formats).toEqual(['cjs']);
    expect(config.preload.build.rolldownOptions.output.format).toBe('cjs');
    const built = config.preload.build.rolldownOptions.output.entryFileNames.replace('[name]', 'index');
    const dev = resolveShellPaths({ userData: '/u', isPackaged: false, resourcesPath: '/r', appPath: root, mainDir: path.join(root, 'out/main'), exists: () => false });
    expect(dev.preloadPath).toBe(path.join(root, 'out/preload', built));
    expect(dev.workerPath).toBe(path.join(root, 'out/main/worker.js'));
    expect(dev.rendererIndex).toBe(path.join(config.renderer.build.outDir, 'index.html'));
  });

  it('builds the renderer from renderer/index.html', () => {
    expect(config.renderer.root).toBe(path.join(root, 'renderer'));
    expect(config.renderer.build.rolldownOptions.input).toBe(path.join(root, 'renderer/index.html'));
  });
});

describe('scripts/desktop.mjs', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cuadra-desktop-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds Electron only when its binary was downloaded', () => {
    const dir = path.join(scratch, 'electron');
    mkdirSync(path.join(dir, 'dist'), { recursive: true });
    expect(desktop.electronBinaryPath(dir)).toBeNull();
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(desktop.electronBinaryPath(dir)).toBeNull();
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(desktop.electronBinaryPath(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('explains how to install the binary or use browser mode', () => {
    const message = desktop.missingElectronMessage('41.7.1');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('npm run serve');
  });

  it.skipIf(desktop.electronBinaryPath() !== null)('exits non-zero with that message where Electron is missing', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/desktop.mjs')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run serve');
  });

  it('reuses a prepared binary only for the same Electron and better-sqlite3', () => {
    const dir = path.join(scratch, 'native');
    mkdirSync(dir, { recursive: true });
    const stamp = desktop.nativeStamp('41.7.1', '12.11.1');
    expect(desktop.nativeIsCurrent(dir, stamp)).toBe(false);
    writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    writeFileSync(path.join(dir, 'stamp.json'), JSON.stringify(stamp));
    expect(desktop.nativeIsCurrent(dir, stamp)).toBe(true);
    expect(desktop.nativeIsCurrent(dir, desktop.nativeStamp('41.7.2', '12.11.1'))).toBe(false);
  });

  it("rejects better-sqlite3's Node build as the Electron binary", () => {
    const nodeBuild = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');
    expect(desktop.checkElectronAbi(nodeBuild, '145')).toMatch(/build for this Node/);
  });
});
