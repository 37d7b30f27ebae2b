import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppLocation } from './location.js';
import type { ContentsLike, ShellWindow } from './ipc.js';

/** The part of an Electron BrowserWindow the shell drives. */
export interface MainWindow extends ShellWindow {
  readonly webContents: ContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  loadFile(file: string): Promise<void>;
  loadURL(url: string): Promise<void>;
}

/** A BrowserWindow constructor (the real one, or a fake in tests). */
export type WindowConstructor<W extends MainWindow> = new (options: BrowserWindowConstructorOptions) => W;

/** What createMainWindow needs. */
export interface WindowDeps<W extends MainWindow> {
  BrowserWindow: WindowConstructor<W>;
  preloadPath: string;
  location: AppLocation;
  /** The built index.html (used when location is a file). */
  rendererIndex: string;
  /** DevTools only in development. */
  isDev: boolean;
}

/**
 * The window's options: the renderer is sandboxed and isolated, has no Node, keeps web
 * security, cannot host <webview>, and gets only the preload's `window.api`.
 */
export function mainWindowOptions(preloadPath: string, isDev: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Cuadra',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: isDev,
    },
  };
}

/** Creates the app window (shown once painted) and starts loading the app's page; `loaded` settles with the load. */
export function createMainWindow<W extends MainWindow>(deps: WindowDeps<W>): { window: W; loaded: Promise<void> } {
  const window = new deps.BrowserWindow(mainWindowOptions(deps.preloadPath, deps.isDev));
  window.once('ready-to-show', () => window.show());
  const loaded =
    deps.location.kind === 'dev' ? window.loadURL(deps.location.url) : window.loadFile(deps.rendererIndex);
  return { window, loaded };
}
