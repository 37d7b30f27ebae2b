import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StartCoreClientOptions } from '../../main/core/host/core-client.js';
import { startShell, type AppLike, type ShellDeps } from '../../main/shell/app.js';
import type { SessionLike } from '../../main/shell/security.js';
import { FakeContents, FakeCoreClient, FakeEmitter, FakeIpcMain, FakeWindow, fakeEvent, recordingLogger } from './fakes.js';

class FakeApp extends FakeEmitter implements AppLike {
  isPackaged = false;
  locked = true;
  sandboxed = false;
  quits = 0;
  exitCode: number | null = null;
  requestSingleInstanceLock(): boolean {
    return this.locked;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quits++;
    const event = fakeEvent();
    this.fire('before-quit', event);
  }
  exit(code?: number): void {
    this.exitCode = code ?? 0;
  }
  getPath(): string {
    return '/home/ana/.config/Cuadra';
  }
  getAppPath(): string {
    return '/repo';
  }
  getVersion(): string {
    return '0.1.0';
  }
}

function setup(options: { platform?: NodeJS.Platform; packaged?: boolean; coreFails?: boolean; existing?: string[] } = {}) {
  FakeWindow.created = [];
  const app = new FakeApp();
  app.isPackaged = options.packaged ?? false;
  const core = new FakeCoreClient();
  const ipcMain = new FakeIpcMain();
  const logger = recordingLogger();
  const errors: string[] = [];
  const started: StartCoreClientOptions[] = [];
  const session: SessionLike = { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
  const deps: ShellDeps<FakeWindow> = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    defaultSession: () => session,
    openExternal: () => Promise.resolve(),
    setMenu: vi.fn(),
    showErrorBox: (_title, content) => void errors.push(content),
    startCoreClient: (opts) => {
      started.push(opts);
      return options.coreFails ? Promise.reject(new Error('NODE_MODULE_VERSION 115')) : Promise.resolve(core);
    },
    createLogger: () => logger,
    platform: options.platform ?? 'linux',
    env: {},
    resourcesPath: '/opt/Cuadra/resources',
    mainDir: options.packaged ? '/opt/Cuadra/resources/app.asar/out/main' : '/repo/out/main',
    exists: (file) => (options.existing ?? []).includes(file),
    ensureDir: vi.fn(),
  };
  return { app, core, ipcMain, logger, errors, started, session, deps };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  FakeWindow.created = [];
});

describe('desktop shell lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { app, deps, started } = setup();
    app.locked = false;
    await expect(startShell(deps)).resolves.toBeNull();
    expect(app.quits).toBe(1);
    expect(FakeWindow.created).toHaveLength(0);
    expect(started).toHaveLength(0);
  });

  it('starts the core with data under userData and migrations from the checkout in development', async () => {
    const native = '/repo/.electron-native/better_sqlite3.node';
    const { app, deps, started, session } = setup({ existing: [native] });
    const shell = await startShell(deps);
    expect(app.sandboxed).toBe(true);
    expect(started).toHaveLength(1);
    expect(started[0]!.workerUrl.toString()).toBe('file:///repo/out/main/worker.js');
    expect(started[0]!.workerData).toEqual({
      dbPath: '/home/ana/.config/Cuadra/cuadra.db',
      migrationsDir: '/repo/migrations',
      version: '0.1.0',
      logFile: '/home/ana/.config/Cuadra/logs/cuadra.log',
      logLevel: 'debug',
      nativeBinding: native,
    });
    expect(deps.ensureDir).toHaveBeenCalledWith('/home/ana/.config/Cuadra/logs');
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(shell!.windows.size).toBe(1);
    const [window] = FakeWindow.created;
    expect(window!.options.webPreferences?.preload).toBe(path.join('/repo/out/preload/index.cjs'));
    expect(window!.loaded.file).toBe('/repo/out/renderer/index.html');
  });

  it('takes migrations and the Electron build of better-sqlite3 from resources when packaged', async () => {
    const native = '/opt/Cuadra/resources/native/better_sqlite3.node';
    const { deps, started } = setup({ packaged: true, existing: [native] });
    await startShell(deps);
    expect(started[0]!.workerData).toMatchObject({ migrationsDir: '/opt/Cuadra/resources/migrations', nativeBinding: native, logLevel: 'info' });
    expect(FakeWindow.created[0]!.options.webPreferences?.devTools).toBe(false);
  });

  it('leaves nativeBinding out when no Electron build was prepared', async () => {
    const { deps, started } = setup();
    await startShell(deps);
    expect(started[0]!.workerData).not.toHaveProperty('nativeBinding');
  });

  it('hardens every web contents Electron creates', async () => {
    const { app, deps } = setup();
    await startShell(deps);
    const contents = new FakeContents();
    app.fire('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.count('will-navigate')).toBe(1);
  });

  it('routes calls from its window to the core and forgets the window when it closes', async () => {
    const { deps, ipcMain, core } = setup();
    await startShell(deps);
    const window = FakeWindow.created[0]!;
    await flush();
    const envelope = await ipcMain.invoke('core:invoke', { sender: { id: window.webContents.id }, senderFrame: window.webContents.mainFrame }, { method: 'app.info', input: {} });
    expect(envelope).toEqual({ ok: true, value: { echo: 'app.info' } });
    expect(core.calls[0]!.clientKey).toBe(String(window.webContents.id));
    core.emit('data.changed', { entity: 'users', companyId: null });
    expect(window.webContents.sent).toEqual([['core:event', 'data.changed', { entity: 'users', companyId: null }]]);
    window.close();
    await flush();
    expect(core.forgotten).toEqual([String(window.webContents.id)]);
  });

  it('quits when the last window closes, closing the core first', async () => {
    const { app, deps, core } = setup({ platform: 'linux' });
    await startShell(deps);
    FakeWindow.created[0]!.close();
    app.fire('window-all-closed');
    expect(app.quits).toBe(1);
    await flush();
    expect(core.closed).toBe(1);
    expect(app.quits).toBe(2); // the deferred quit once the core is closed
  });

  it('stays open on macOS and reopens a window on activate', async () => {
    const { app, deps } = setup({ platform: 'darwin' });
    await startShell(deps);
    FakeWindow.created[0]!.close();
    app.fire('window-all-closed');
    expect(app.quits).toBe(0);
    app.fire('activate');
    expect(FakeWindow.created).toHaveLength(2);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, deps } = setup();
    await startShell(deps);
    const window = FakeWindow.created[0]!;
    window.minimized = true;
    app.fire('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
    expect(FakeWindow.created).toHaveLength(1);
  });

  it('tells the user and exits when the core cannot start', async () => {
    const { app, deps, errors, logger } = setup({ coreFails: true });
    await startShell(deps);
    await flush();
    expect(app.exitCode).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('npm start');
    expect(errors[0]).not.toContain('NODE_MODULE_VERSION');
    expect(logger.records.some((r) => r.level === 'error')).toBe(true);
  });
});
