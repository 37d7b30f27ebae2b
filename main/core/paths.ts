import { existsSync } from 'node:fs';
import { dirname, join, posix, resolve, win32 } from 'node:path';

/** The environment variables `defaultDataDir` reads. */
export interface DataDirEnv {
  XDG_DATA_HOME?: string | undefined;
  APPDATA?: string | undefined;
}

/**
 * The app's data folder for a platform (pure: platform, environment and home folder are arguments).
 * Linux and other Unixes: `$XDG_DATA_HOME/cuadra` (when set and absolute) or `~/.local/share/cuadra`;
 * macOS: `~/Library/Application Support/Cuadra`; Windows: `%APPDATA%\Cuadra` (or `~\AppData\Roaming\Cuadra`).
 */
export function defaultDataDir(platform: NodeJS.Platform, env: DataDirEnv, home: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim();
    return win32.join(appData ? appData : win32.join(home, 'AppData', 'Roaming'), 'Cuadra');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Cuadra');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME?.trim();
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), 'cuadra');
}

/** The files inside a data folder. */
export interface DataPaths {
  db: string;
  logsDir: string;
  logFile: string;
}

/** Where the database and the logs live inside a data folder. */
export function dataPaths(dataDir: string): DataPaths {
  const logsDir = join(dataDir, 'logs');
  return { db: join(dataDir, 'cuadra.db'), logsDir, logFile: join(logsDir, 'cuadra.log') };
}

/**
 * The `migrations` folder (the one holding 0010_init.sql) found in `startDir` or the
 * nearest folder above it, or null; how the CLI and `serve` find it when run from source.
 */
export function findMigrationsDir(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, '0010_init.sql'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
