/**
 * A small fake of the Electron pieces the shell drives. Each fake records what the shell did
 * and lets a test fire the events Electron would fire.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Envelope } from '../../main/core/contract/index.js';
import type { CoreClient } from '../../main/core/host/core-client.js';
import type { Logger } from '../../main/core/logger.js';
import type { FrameLike, InvokeEventLike } from '../../main/shell/ipc.js';
import type { MainWindow } from '../../main/shell/window.js';

type Listener = (...args: never[]) => unknown;

/** An event emitter that keeps every listener so tests can fire them. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  /** Calls every listener of `event` with `args`. */
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A preventable Electron event. */
export function fakeEvent(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A frame; the main frame of a contents has parent null. */
export function fakeFrame(url: string, overrides: Partial<FrameLike> = {}): FrameLike {
  return { url, parent: null, frameTreeNodeId: 1, processId: 7, ...overrides };
}

let nextContentsId = 100;

/** A WebContents that records what was sent to it. */
export class FakeContents extends FakeEmitter {
  readonly id = nextContentsId++;
  readonly sent: unknown[][] = [];
  destroyed = false;
  url = '';
  readonly mainFrame: FrameLike;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(url = '') {
    super();
    this.url = url;
    const currentUrl = () => this.url;
    this.mainFrame = {
      get url() {
        return currentUrl();
      },
      parent: null,
      frameTreeNodeId: 1,
      processId: 7,
    };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

/** A BrowserWindow: records its options and what it loaded; its load resolves at once. */
export class FakeWindow extends FakeEmitter implements MainWindow {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  readonly loaded: { file?: string; url?: string } = {};
  destroyed = false;
  shown = false;
  focused = false;
  minimized = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  loadFile(file: string): Promise<void> {
    this.loaded.file = file;
    this.webContents.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.url = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  /** What Electron does when the user closes the window. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
}

/** An ipcMain that keeps the registered handlers so tests can call them like a renderer would. */
export class FakeIpcMain {
  readonly handlers = new Map<string, (event: InvokeEventLike, payload: unknown) => Promise<Envelope<unknown>>>();
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<Envelope<unknown>>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls the handler of `channel` as `event.sender` would. */
  invoke(channel: string, event: InvokeEventLike, payload: unknown): Promise<Envelope<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  }
}

/** A CoreClient that records calls and answers every call with `{ok: true, value: {echo}}`. */
export class FakeCoreClient implements CoreClient {
  readonly calls: Array<{ clientKey: string; method: string; input: unknown }> = [];
  readonly forgotten: string[] = [];
  readonly listeners = new Set<(event: string, payload: unknown) => void>();
  closed = 0;
  failWith: Error | null = null;
  invoke(clientKey: string, method: string, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ clientKey, method, input });
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve({ ok: true, value: { echo: method } });
  }
  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners) listener(event, payload);
  }
  forgetClient(clientKey: string): void {
    this.forgotten.push(clientKey);
  }
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

/** A logger that keeps its records for assertions. */
export function recordingLogger(): Logger & { records: Array<{ level: string; obj: object; msg?: string }> } {
  const records: Array<{ level: string; obj: object; msg?: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    records.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
