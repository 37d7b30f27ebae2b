import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPaths, defaultDataDir, findMigrationsDir } from '../../main/core/paths.js';
import { removeDir, repoRoot, tempDir } from './helpers.js';

describe('defaultDataDir', () => {
  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/data/xdg' }, '/home/ana')).toBe('/data/xdg/cuadra');
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.local/share/cuadra');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/ana')).toBe('/home/ana/.local/share/cuadra');
    expect(defaultDataDir('freebsd', { XDG_DATA_HOME: '' }, '/home/ana')).toBe('/home/ana/.local/share/cuadra');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir('darwin', { XDG_DATA_HOME: '/ignored' }, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Cuadra');
  });

  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Cuadra');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Cuadra');
  });
});

describe('dataPaths', () => {
  it('puts the database and the logs inside the data folder', () => {
    expect(dataPaths('/d/cuadra')).toEqual({ db: '/d/cuadra/cuadra.db', logsDir: '/d/cuadra/logs', logFile: '/d/cuadra/logs/cuadra.log' });
  });
});

describe('findMigrationsDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cuadra-paths-');
  });
  afterEach(() => removeDir(dir));

  it("finds the repository's migrations from a folder below the root", () => {
    expect(findMigrationsDir(join(repoRoot, 'main', 'cli'))).toBe(join(repoRoot, 'migrations'));
  });

  it('needs 0010_init.sql and walks up; null when there is none', () => {
    mkdirSync(join(dir, 'migrations'));
    mkdirSync(join(dir, 'a', 'b', 'migrations'), { recursive: true });
    expect(findMigrationsDir(join(dir, 'a', 'b'))).toBe(null);
    writeFileSync(join(dir, 'migrations', '0010_init.sql'), '-- init');
    expect(findMigrationsDir(join(dir, 'a', 'b'))).toBe(join(dir, 'migrations'));
  });
});
