import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../main/core/contract/index.js';
import { createApi, type Transport } from './bridge.js';
import { ipcChannels } from './channels.js';

/** Electron IPC as a Transport; the renderer never sees ipcRenderer itself. */
const ipcTransport: Transport = {
  invoke: (method, input) => ipcRenderer.invoke(ipcChannels.invoke, { method, input }) as Promise<Envelope<unknown>>,
  subscribe(listener) {
    const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(ipcChannels.event, onEvent);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('api', createApi(ipcTransport));
