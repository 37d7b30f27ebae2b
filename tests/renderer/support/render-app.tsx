import { act, render } from '@testing-library/react';
import { App } from '../../../renderer/src/app/App.js';
import { createAppStore } from '../../../renderer/src/stores/create-app-store.js';
import { StoreProvider } from '../../../renderer/src/stores/store-context.js';
import { createStubApi, flush, memoryStorage, type StubReplies } from './stub-api.js';

/** Renders the whole app over a stub api and waits until its first answers have arrived. */
export async function renderApp(replies: StubReplies, options: { languages?: readonly string[]; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const api = createStubApi(replies);
  const storage = options.storage ?? memoryStorage();
  const store = createAppStore({ api, storage, preferredLanguages: options.languages ?? ['en-US'] });
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await act(async () => {
    await flush();
    await flush();
  });
  return { api, store, storage, view };
}

/** Lets pending store work and re-renders settle. */
export async function settle(): Promise<void> {
  await act(async () => {
    await flush();
    await flush();
  });
}
