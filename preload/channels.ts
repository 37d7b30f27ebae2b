/**
 * The only two IPC channels between the Electron shell and the preload. Shared by both sides
 * so a renamed channel is a compile error, never a silent mismatch. No imports: the sandboxed
 * preload bundles this file as is.
 */
export const ipcChannels = {
  /** renderer → main: `{method, input}`, answered with an Envelope. */
  invoke: 'core:invoke',
  /** main → renderer: `(eventName, payload)` for every core event. */
  event: 'core:event',
} as const;
