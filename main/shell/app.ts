import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import type { CoreClient, CoreWorkerData, StartCoreClientOptions } from '../core/host/core-client.js';
import type { Logger } from '../core/logger.js';
import { DEFAULT_LOG_FILE_LIMITS, toLogLevel, type CreateLoggerOptions } from '../core/logging/index.js';
import { forwardCoreEvents, registerIpc, type IpcMainLike } from './ipc.js';
import { appLocation, externalLinkHosts, type AppLocation } from './location.js';
import { menuTemplate } from './menu.js';
import { hardenWebContents, installSessionSecurity, type GuardedContents, type PreventableEvent, type SessionLike } from './security.js';
import { resolveShellPaths, type ShellPaths } from './shell-paths.js';
import { createMainWindow, type MainWindow, type WindowConstructor } from './window.js';

/** The part of Electron's `app` the shell drives. */
export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getVersion(): string;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/** Everything the shell takes from Electron and from the rest of the app; tests pass fakes. */
export interface ShellDeps<W extends MainWindow> {
  app: AppLike;
  BrowserWindow: WindowConstructor<W>;
  ipcMain: IpcMainLike;
  defaultSession(): SessionLike;
  openExternal(url: string): Promise<void>;
  setMenu(template: MenuItemConstructorOptions[]): void;
  showErrorBox(title: string, content: string): void;
  startCoreClient(options: StartCoreClientOptions): Promise<CoreClient>;
  createLogger(options: CreateLoggerOptions): Logger;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  resourcesPath: string;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  exists(file: string): boolean;
  ensureDir(dir: string): void;
}

/** A started shell: its paths, where the app lives, the windows it owns and the core. */
export interface RunningShell<W extends MainWindow> {
  paths: ShellPaths;
  location: AppLocation;
  windows: ReadonlySet<W>;
  core: Promise<CoreClient>;
  openWindow(): W;
}

/**
 * Runs the desktop app: one instance, sandboxed renderers, the core in its worker, one window
 * (more on macOS re-activation), quit when the last window closes except on macOS. Returns
 * null when another instance already runs (that one is focused instead).
 */
export async function startShell<W extends MainWindow>(deps: ShellDeps<W>): Promise<RunningShell<W> | null> {
  const { app } = deps;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox();
  const isDev = !app.isPackaged;
  const paths = resolveShellPaths({
    userData: app.getPath('userData'),
    isPackaged: app.isPackaged,
    resourcesPath: deps.resourcesPath,
    appPath: app.getAppPath(),
    mainDir: deps.mainDir,
    exists: deps.exists,
  });
  deps.ensureDir(paths.logsDir);
  const logLevel = toLogLevel(deps.env['CUADRA_LOG_LEVEL'], isDev ? 'debug' : 'info');
  const logger = deps.createLogger({ level: logLevel, file: { path: paths.shellLogFile, ...DEFAULT_LOG_FILE_LIMITS }, stderr: isDev });
  const location = appLocation(paths.rendererIndex, isDev ? (deps.env['ELECTRON_RENDERER_URL'] ?? null) : null);
  const windows = new Set<W>();

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { location, openExternal: deps.openExternal, externalHosts: externalLinkHosts, logger }),
  );
  app.on('second-instance', () => {
    const [first] = windows;
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.focus();
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  installSessionSecurity(deps.defaultSession(), location, logger);
  deps.setMenu(menuTemplate(deps.platform, isDev));
  logger.info({ version: app.getVersion(), dev: isDev, nativeBinding: paths.nativeBinding !== null }, 'starting');

  const workerData: CoreWorkerData = {
    dbPath: paths.dbPath,
    migrationsDir: paths.migrationsDir,
    version: app.getVersion(),
    logFile: paths.coreLogFile,
    logLevel,
    ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
  };
  const core = deps.startCoreClient({
    workerUrl: pathToFileURL(paths.workerPath),
    workerData,
    logger,
    onWorkerExit: () => {
      deps.showErrorBox('Cuadra', `The Cuadra engine stopped unexpectedly. Your data is saved; start Cuadra again. Details are in the log folder: ${paths.logsDir}`);
      app.quit();
    },
  });
  core.then(
    (client) => forwardCoreEvents(client, () => windows, location),
    (error: unknown) => {
      logger.error({ err: error }, 'the core did not start');
      const hint = paths.nativeBinding === null && isDev ? ' Start it with `npm start`, which prepares the database driver for Electron.' : '';
      deps.showErrorBox('Cuadra', `Cuadra could not open its database.${hint} Details are in the log folder: ${paths.logsDir}`);
      app.exit(1);
    },
  );
  registerIpc({
    ipcMain: deps.ipcMain,
    core: { invoke: async (clientKey, method, input) => (await core).invoke(clientKey, method, input) },
    windows: () => windows,
    location,
    logger,
  });

  const openWindow = (): W => {
    const { window, loaded } = createMainWindow({
      BrowserWindow: deps.BrowserWindow,
      preloadPath: paths.preloadPath,
      location,
      rendererIndex: paths.rendererIndex,
      isDev,
    });
    windows.add(window);
    const clientKey = String(window.webContents.id);
    window.on('closed', () => {
      windows.delete(window);
      core.then((client) => client.forgetClient(clientKey)).catch(() => {});
    });
    loaded.catch((error: unknown) => logger.error({ err: error }, 'the app page did not load'));
    return window;
  };
  openWindow();
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });

  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    core
      .then((client) => client.close())
      .catch((error: unknown) => logger.error({ err: error }, 'the core did not close cleanly'))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  return { paths, location, windows, core, openWindow };
}
