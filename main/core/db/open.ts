import { basename } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { CoreError } from '../contract/index.js';
import { loadMigrations, migrate, type Migration } from './migrate.js';

/** 'CUAD' as a 32-bit integer: marks a SQLite file as Cuadra's. */
export const CUADRA_APPLICATION_ID = 0x43554144;

export interface OpenDatabaseOptions {
  /** Folder of numbered SQL migrations, or the migrations themselves. */
  migrations: string | Migration[];
  /** Path to a better-sqlite3 `.node` built for another ABI (the Electron desktop run). */
  nativeBinding?: string;
  /** Path to sqlite-vec's loadable extension; defaults to the one shipped in node_modules. */
  vecExtensionPath?: string;
  readonly?: boolean;
}

/** Where sqlite-vec's extension lives, looking beside an asar archive when packaged. */
export function defaultVecExtensionPath(): string {
  return sqliteVec.getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function isSqliteNotADb(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/**
 * Opens (creating if needed) a Cuadra database: WAL, foreign keys, busy timeout,
 * sqlite-vec loaded, migrations applied. Refuses files that are not Cuadra's and
 * databases newer than this app, with a message a person can act on.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(path, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new CoreError('db_not_cuadra', `Cannot open ${basename(path)} as a database: ${(error as Error).message}`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== CUADRA_APPLICATION_ID && !(appId === 0 && tableCount === 0)) {
      throw new CoreError('db_not_cuadra', `${basename(path)} is not a Cuadra database.`);
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    db.loadExtension(options.vecExtensionPath ?? defaultVecExtensionPath());
    const migrations = typeof options.migrations === 'string' ? loadMigrations(options.migrations) : options.migrations;
    if (options.readonly) {
      if (appId === 0) throw new CoreError('db_not_cuadra', `${basename(path)} is not a Cuadra database.`);
    } else {
      if (appId === 0) db.pragma(`application_id = ${CUADRA_APPLICATION_ID}`);
      migrate(db, migrations);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CoreError) throw error;
    if (isSqliteNotADb(error)) throw new CoreError('db_not_cuadra', `${basename(path)} is not a Cuadra database.`);
    throw error;
  }
}
