import { describe, expect, it } from 'vitest';
import { methodNames } from '../../main/core/contract/index.js';
import { forwardCoreEvents, registerIpc, type InvokeEventLike } from '../../main/shell/ipc.js';
import { appLocation } from '../../main/shell/location.js';
import { ipcChannels } from '../../preload/channels.js';
import { FakeCoreClient, FakeIpcMain, FakeWindow, fakeFrame, recordingLogger } from './fakes.js';

const index = '/opt/Cuadra/resources/app.asar/out/renderer/index.html';
const location = appLocation(index, null);
const method = methodNames[0]!;

async function setup() {
  const ipcMain = new FakeIpcMain();
  const core = new FakeCoreClient();
  const logger = recordingLogger();
  const window = new FakeWindow({});
  await window.loadFile(index);
  const windows = new Set([window]);
  const unregister = registerIpc({ ipcMain, core, windows: () => windows, location, logger });
  const event = (overrides: Partial<InvokeEventLike> = {}): InvokeEventLike => ({
    sender: { id: window.webContents.id },
    senderFrame: window.webContents.mainFrame,
    ...overrides,
  });
  const call = (payload: unknown, ev: InvokeEventLike = event()) => ipcMain.invoke(ipcChannels.invoke, ev, payload);
  return { ipcMain, core, logger, window, windows, unregister, event, call };
}

describe("the 'core:invoke' handler", () => {
  it('forwards a good call to the core as the sending window', async () => {
    const { core, window, call } = await setup();
    const input = { includeArchived: true };
    await expect(call({ method, input })).resolves.toEqual({ ok: true, value: { echo: method } });
    expect(core.calls).toEqual([{ clientKey: String(window.webContents.id), method, input }]);
  });

  it('refuses a sender that is not one of our windows', async () => {
    const { core, call, event } = await setup();
    const stranger = new FakeWindow({});
    await stranger.loadFile(index);
    const result = await call({ method, input: {} }, event({ sender: { id: stranger.webContents.id }, senderFrame: stranger.webContents.mainFrame }));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls).toHaveLength(0);
  });

  it('refuses a subframe, even one showing our page', async () => {
    const { core, call, event, window } = await setup();
    const subframe = fakeFrame(window.webContents.url, { parent: window.webContents.mainFrame, frameTreeNodeId: 2 });
    await expect(call({ method, input: {} }, event({ senderFrame: subframe }))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const detached = fakeFrame(window.webContents.url, { frameTreeNodeId: 9 });
    await expect(call({ method, input: {} }, event({ senderFrame: detached }))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.calls).toHaveLength(0);
  });

  it('refuses our window once it shows a foreign page, and a frame that is gone', async () => {
    const { core, call, event, window } = await setup();
    await expect(call({ method, input: {} }, event({ senderFrame: null }))).resolves.toMatchObject({ error: { code: 'forbidden' } });
    window.webContents.url = 'https://evil.example/';
    await expect(call({ method, input: {} })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    window.webContents.url = 'file:///tmp/evil/index.html';
    await expect(call({ method, input: {} })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    expect(core.calls).toHaveLength(0);
  });

  it('refuses a destroyed or closed window', async () => {
    const { core, call, window, windows } = await setup();
    window.destroyed = true;
    await expect(call({ method, input: {} })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    window.destroyed = false;
    windows.clear();
    await expect(call({ method, input: {} })).resolves.toMatchObject({ error: { code: 'forbidden' } });
    expect(core.calls).toHaveLength(0);
  });

  it('answers an unknown method with unknown_method, without calling the core', async () => {
    const { core, call } = await setup();
    for (const name of ['nope.nothing', 'constructor', '__proto__', 'toString']) {
      await expect(call({ method: name, input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(core.calls).toHaveLength(0);
  });

  it('answers a malformed payload with invalid_input', async () => {
    const { core, call } = await setup();
    for (const payload of [undefined, null, 'app.info', [method, {}], { method: 42, input: {} }, { input: {} }, { method, input: {}, extra: 1 }, { method: 'x'.repeat(101), input: {} }]) {
      await expect(call(payload)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(core.calls).toHaveLength(0);
  });

  it('turns a core that throws into an internal envelope and logs it', async () => {
    const { core, call, logger } = await setup();
    core.failWith = new Error('worker gone');
    await expect(call({ method, input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.records.some((r) => r.level === 'error')).toBe(true);
  });

  it('registers exactly one channel and can remove it', async () => {
    const { ipcMain, unregister } = await setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['core:invoke']);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('core events', () => {
  it("go to every live window showing the app, on 'core:event'", async () => {
    const core = new FakeCoreClient();
    const a = new FakeWindow({});
    const b = new FakeWindow({});
    const closed = new FakeWindow({});
    const foreign = new FakeWindow({});
    await Promise.all([a.loadFile(index), b.loadFile(index), closed.loadFile(index), foreign.loadURL('https://evil.example/')]);
    closed.close();
    const stop = forwardCoreEvents(core, () => [a, b, closed, foreign], location);
    const payload = { entity: 'companies', companyId: null };
    core.emit('data.changed', payload);
    expect(a.webContents.sent).toEqual([['core:event', 'data.changed', payload]]);
    expect(b.webContents.sent).toEqual([['core:event', 'data.changed', payload]]);
    expect(closed.webContents.sent).toEqual([]);
    expect(foreign.webContents.sent).toEqual([]);
    stop();
    core.emit('data.changed', payload);
    expect(a.webContents.sent).toHaveLength(1);
  });
});
