import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Handler>>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
    ipcRenderer: {
      invoke: vi.fn((_channel: string, _payload: unknown) => Promise.resolve({ ok: true, value: 'pong' })),
      on(channel: string, handler: Handler) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(handler);
      },
      removeListener(channel: string, handler: Handler) {
        listeners.get(channel)?.delete(handler);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

interface ExposedApi {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** What main does on the event channel. */
function sendFromMain(...args: unknown[]): void {
  for (const handler of electron.listeners.get('core:event') ?? []) handler({ sender: 'main' }, ...args);
}

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.listeners.clear();
    electron.ipcRenderer.invoke.mockClear();
    await import('../../preload/index.js');
  });

  it('exposes exactly one object, `api`, with invoke and on, and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    const api = electron.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
  });

  it("sends calls on 'core:invoke' as {method, input} and returns the envelope", async () => {
    const api = electron.exposed.get('api') as ExposedApi;
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('core:invoke', { method: 'app.info', input: {} });
  });

  it("delivers 'core:event' messages to listeners of that event only, until unsubscribed", () => {
    const api = electron.exposed.get('api') as ExposedApi;
    const seen: unknown[] = [];
    const off = api.on('data.changed', (payload) => seen.push(payload));
    sendFromMain('task.progress', { done: 1 });
    sendFromMain('data.changed', { entity: 'users', companyId: null });
    sendFromMain(42, 'not an event name');
    expect(seen).toEqual([{ entity: 'users', companyId: null }]);
    off();
    expect(electron.listeners.get('core:event')?.size).toBe(0);
    sendFromMain('data.changed', {});
    expect(seen).toHaveLength(1);
  });
});
