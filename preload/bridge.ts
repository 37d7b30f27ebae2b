import type {
  Envelope,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../main/core/contract/index.js';

/** How an api reaches the core: Electron IPC in the desktop app, HTTP/WebSocket in browser mode. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every core event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The typed surface the renderer sees as `window.api`. */
export interface Api {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds the api over any transport; holds no Node or Electron references. */
export function createApi(transport: Transport): Api {
  return {
    invoke: (method, input) => transport.invoke(method, input) as Promise<never>,
    on: (event, listener) =>
      transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      }),
  };
}
