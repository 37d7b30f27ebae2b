import { createApi, type Api } from '../../../preload/bridge.js';
import { createBrowserTransport } from './browser-transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly api?: Api;
  }
}

/**
 * The api the renderer talks to: Electron's preload bridge when present, else browser mode's
 * WebSocket transport wrapped by the same `createApi`, so no screen ever knows its host.
 */
export function resolveApi(): Api {
  if (window.api) return window.api;
  return createApi(createBrowserTransport(window.location, window.sessionStorage, WebSocket));
}
