import { describe, expect, it } from 'vitest';
import { appLocation } from '../../main/shell/location.js';
import { menuTemplate } from '../../main/shell/menu.js';
import { createMainWindow, mainWindowOptions } from '../../main/shell/window.js';
import { FakeWindow } from './fakes.js';

describe('main window', () => {
  it('is isolated, sandboxed, without Node, with web security and the preload', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs', false).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(mainWindowOptions('/p', true).webPreferences?.devTools).toBe(true);
  });

  it('loads the built page from disk, or the dev server in development', async () => {
    const index = '/app/out/renderer/index.html';
    const built = createMainWindow({ BrowserWindow: FakeWindow, preloadPath: '/p.cjs', location: appLocation(index, null), rendererIndex: index, isDev: false });
    await built.loaded;
    expect(built.window.loaded).toEqual({ file: index });
    expect(built.window.options.show).toBe(false);
    built.window.fire('ready-to-show');
    expect(built.window.shown).toBe(true);

    const dev = createMainWindow({ BrowserWindow: FakeWindow, preloadPath: '/p.cjs', location: appLocation(index, 'http://localhost:5173'), rendererIndex: index, isDev: true });
    expect(dev.window.loaded).toEqual({ url: 'http://localhost:5173/' });
  });
});

describe('menu', () => {
  it('is made of roles only (no strings of its own), with the app menu on macOS', () => {
    const linux = menuTemplate('linux', false);
    const mac = menuTemplate('darwin', false);
    const labels = JSON.stringify([linux, mac]);
    expect(labels).not.toContain('"label"');
    expect(linux.map((item) => item.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu']);
    expect(mac[0]?.role).toBe('appMenu');
    expect(JSON.stringify(linux)).not.toContain('toggleDevTools');
    expect(JSON.stringify(menuTemplate('linux', true))).toContain('toggleDevTools');
  });
});
