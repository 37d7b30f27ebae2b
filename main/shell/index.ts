/** Electron main process entry: wires the real electron module into the testable shell. */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCoreClient } from '../core/host/core-client.js';
import { createLogger } from '../core/logging/index.js';
import { startShell } from './app.js';

startShell({
  app,
  BrowserWindow,
  ipcMain,
  defaultSession: () => session.defaultSession,
  openExternal: (url) => shell.openExternal(url),
  setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  showErrorBox: (title, content) => dialog.showErrorBox(title, content),
  startCoreClient,
  createLogger,
  platform: process.platform,
  env: process.env,
  resourcesPath: process.resourcesPath,
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  exists: existsSync,
  ensureDir: (dir) => mkdirSync(dir, { recursive: true }),
}).catch((error: unknown) => {
  dialog.showErrorBox('Cuadra', `Cuadra could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
