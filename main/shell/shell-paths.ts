import path from 'node:path';

/** File name of the Electron-ABI better-sqlite3 build that scripts/desktop.mjs prepares. */
export const electronNativeFile = 'better_sqlite3.node';

/** Every path the desktop shell uses, decided in one place. */
export interface ShellPaths {
  dataDir: string;
  dbPath: string;
  logsDir: string;
  /** The shell's own log; the core worker writes `coreLogFile`. */
  shellLogFile: string;
  coreLogFile: string;
  migrationsDir: string;
  /** better-sqlite3 compiled for Electron, or null (then the Node build loads and fails clearly). */
  nativeBinding: string | null;
  preloadPath: string;
  rendererIndex: string;
  workerPath: string;
}

/** What the paths depend on: Electron's app paths and the folder of the built main bundle. */
export interface ShellPathInputs {
  /** app.getPath('userData') */
  userData: string;
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** app.getAppPath(): the checkout in development */
  appPath: string;
  /** folder of out/main/index.js */
  mainDir: string;
  exists(file: string): boolean;
}

/**
 * Data under userData; migrations and the Electron-ABI binary from the app's resources when
 * packaged, from the checkout (`migrations/`, `.electron-native/`) in development.
 */
export function resolveShellPaths(inputs: ShellPathInputs): ShellPaths {
  const { userData, isPackaged, resourcesPath, appPath, mainDir } = inputs;
  const logsDir = path.join(userData, 'logs');
  const native = isPackaged
    ? path.join(resourcesPath, 'native', electronNativeFile)
    : path.join(appPath, '.electron-native', electronNativeFile);
  return {
    dataDir: userData,
    dbPath: path.join(userData, 'cuadra.db'),
    logsDir,
    shellLogFile: path.join(logsDir, 'desktop.log'),
    coreLogFile: path.join(logsDir, 'cuadra.log'),
    migrationsDir: isPackaged ? path.join(resourcesPath, 'migrations') : path.join(appPath, 'migrations'),
    nativeBinding: inputs.exists(native) ? native : null,
    preloadPath: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: path.join(mainDir, '..', 'renderer', 'index.html'),
    workerPath: path.join(mainDir, 'worker.js'),
  };
}
