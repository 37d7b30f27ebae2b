import { z } from 'zod';
import { fail, isMethodName, type Envelope } from '../core/contract/index.js';
import type { CoreClient } from '../core/host/core-client.js';
import type { Logger } from '../core/logger.js';
import { ipcChannels } from '../../preload/channels.js';
import { isAppPageUrl, type AppLocation } from './location.js';

/** The part of an Electron WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly frameTreeNodeId: number;
  readonly processId: number;
}

/** The part of an Electron WebContents the shell uses to talk to a window. */
export interface ContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** A window the shell created; only these may call the core. */
export interface ShellWindow {
  readonly webContents: ContentsLike;
  isDestroyed(): boolean;
}

/** The part of an IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron's ipcMain the shell uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<Envelope<unknown>>): void;
  removeHandler(channel: string): void;
}

/** What registerIpc needs: the ipcMain, the core, the windows we own and where the app lives. */
export interface IpcDeps {
  ipcMain: IpcMainLike;
  core: Pick<CoreClient, 'invoke'>;
  windows(): Iterable<ShellWindow>;
  location: AppLocation;
  logger: Logger;
}

/** The renderer's request: a method name and its input (validated later by the core). */
const invokePayloadSchema = z.object({ method: z.string().min(1).max(100), input: z.unknown() }).strict();

/**
 * Why a sender may not call the core, or null when it may: it must be the main frame of one of
 * our live windows, currently showing the app's own page.
 */
export function untrustedSenderReason(
  event: InvokeEventLike,
  windows: Iterable<ShellWindow>,
  location: AppLocation,
): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'frame gone';
  let contents: ContentsLike | null = null;
  for (const window of windows) {
    if (!window.isDestroyed() && !window.webContents.isDestroyed() && window.webContents.id === event.sender.id) {
      contents = window.webContents;
    }
  }
  if (!contents) return 'not one of our windows';
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.frameTreeNodeId !== main.frameTreeNodeId || frame.processId !== main.processId) {
    return 'not the main frame';
  }
  if (!isAppPageUrl(location, frame.url)) return 'foreign page';
  return null;
}

/** Registers the one 'core:invoke' handler; returns a function that removes it. */
export function registerIpc(deps: IpcDeps): () => void {
  const { ipcMain, core, logger } = deps;
  ipcMain.handle(ipcChannels.invoke, async (event, payload) => {
    const reason = untrustedSenderReason(event, deps.windows(), deps.location);
    if (reason !== null) {
      logger.warn({ sender: event.sender.id, reason }, 'core call from an untrusted sender refused');
      return fail({ code: 'forbidden', message: 'This window may not use Cuadra.' });
    }
    const parsed = invokePayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: 'The request to the app was malformed.' });
    }
    const { method, input } = parsed.data;
    if (!isMethodName(method)) {
      return fail({ code: 'unknown_method', message: `Unknown method: ${method}` });
    }
    try {
      return await core.invoke(String(event.sender.id), method, input);
    } catch (error) {
      logger.error({ err: error, method }, 'core call failed');
      return fail({ code: 'internal', message: 'The app engine stopped. Please restart Cuadra.' });
    }
  });
  return () => ipcMain.removeHandler(ipcChannels.invoke);
}

/** Sends every core event to each live window that shows the app; returns the unsubscribe function. */
export function forwardCoreEvents(
  core: Pick<CoreClient, 'onEvent'>,
  windows: () => Iterable<ShellWindow>,
  location: AppLocation,
): () => void {
  return core.onEvent((event, payload) => {
    for (const window of windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      if (!isAppPageUrl(location, window.webContents.getURL())) continue;
      window.webContents.send(ipcChannels.event, event, payload);
    }
  });
}
