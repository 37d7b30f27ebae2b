import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddingConfig, EmbeddingSettings, MethodInput } from '../../main/core/contract/index.js';
import { createAppStore, type AppStore } from '../../renderer/src/stores/create-app-store.js';
import { draftFromConfig, parseEmbeddingDraft } from '../../renderer/src/stores/slices/embedding-draft.js';
import { renderApp, settle } from './support/render-app.js';
import { reconcileReplies } from './support/report-fixtures.js';
import { createStubApi, fail, loggedInReplies, makeUser, memoryStorage, ok, type StubReplies } from './support/stub-api.js';

const KEY = 'sk-typed-3c9e1a7f55';

const defaults: EmbeddingConfig = {
  provider: 'local', baseURL: null, model: null, dimensions: 768, batchSize: 256, timeoutSeconds: 30,
  cache: { expiryDays: 180, maxEntries: 500_000 }, explanations: { enabled: false, chatModel: null },
};

/** A core stand-in that remembers what was saved, like the real one (and never returns the key). */
function embeddingCore(initial: Partial<EmbeddingSettings> = {}) {
  const state: EmbeddingSettings = {
    config: defaults,
    hasKey: false,
    keyStore: { kind: 'keychain', problem: null },
    cache: { entries: 1234, hits: 900, misses: 100, hitRate: 0.9 },
    breaker: { state: 'closed', lastError: null, fallbackActive: false, consecutiveFailures: 0, openedAt: null },
    ...initial,
  };
  const replies: StubReplies = {
    'embedding.settings': () => ok(structuredClone(state)),
    'embedding.configure': (input: MethodInput<'embedding.configure'>) => {
      state.config = input as EmbeddingConfig;
      return ok(structuredClone(state));
    },
    'embedding.setKey': () => {
      state.hasKey = true;
      return ok({ hasKey: true });
    },
    'embedding.clearKey': () => {
      state.hasKey = false;
      return ok({ hasKey: false });
    },
    'embedding.clearCache': () => {
      const removed = state.cache.entries;
      state.cache = { entries: 0, hits: 0, misses: 0, hitRate: null };
      return ok({ removed });
    },
    'embedding.testConnection': ok({ ok: true, message: 'http://127.0.0.1:11434/v1 answered', dimensions: 768, latencyMs: 42 }),
  };
  return { state, replies };
}

afterEach(() => cleanup());

async function openSettings(replies: StubReplies, languages: readonly string[] = ['en-US']) {
  const app = await renderApp({ ...loggedInReplies(), ...reconcileReplies(), ...replies }, { languages });
  fireEvent.click(screen.getByRole('button', { name: languages[0]?.startsWith('es') ? 'Ajustes' : 'Settings' }));
  await settle();
  return app;
}

const section = (name = 'Embeddings and AI suggestions') => screen.getByRole('region', { name });
const form = (name = 'Embeddings and AI suggestions') => within(section(name)).getByRole('form', { name });

describe('the embeddings settings section', () => {
  it('starts on the local, offline embedder with explanations off, and shows the cache', async () => {
    const core = embeddingCore();
    await openSettings(core.replies);
    const local = within(form()).getByRole('radio', { name: 'Local (offline, default)' }) as HTMLInputElement;
    expect(local.checked).toBe(true);
    expect(within(form()).queryByLabelText('Server address')).toBeNull();
    const explain = within(form()).getByRole('checkbox', { name: 'Explain pending matches with a chat model' }) as HTMLInputElement;
    expect(explain.checked).toBe(false);
    expect(within(form()).getByText(/they never approve, reject or change a match/)).toBeTruthy();
    const facts = within(section()).getByText('Vectors cached').parentElement!;
    expect(within(facts).getByText('1,234')).toBeTruthy();
    expect(within(facts).getByText('90%')).toBeTruthy();
    expect(within(section()).getByText('No key stored. Servers without keys (Ollama, LM Studio) need none.')).toBeTruthy();
  });

  it('explains refused fields without asking the core, then saves an OpenAI-compatible server', async () => {
    const core = embeddingCore();
    const { api, store } = await openSettings(core.replies);
    fireEvent.click(within(form()).getByRole('radio', { name: 'OpenAI-compatible server' }));
    const address = within(form()).getByLabelText('Server address');
    fireEvent.change(address, { target: { value: 'ftp://models.local' } });
    fireEvent.change(within(form()).getByLabelText('Dimensions'), { target: { value: '100' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save embedding settings' }));
    await settle();
    expect(within(form()).getByText('A multiple of 32.')).toBeTruthy();
    expect(within(form()).getByText(/An address starting with http:\/\/ or https:\/\//)).toBeTruthy();
    expect(within(form()).getByText('Required.')).toBeTruthy();
    expect(address.getAttribute('aria-invalid')).toBe('true');
    expect(api.inputsOf('embedding.configure')).toEqual([]);

    fireEvent.change(address, { target: { value: 'http://127.0.0.1:11434/v1' } });
    fireEvent.change(within(form()).getByLabelText('Embedding model'), { target: { value: 'nomic-embed-text' } });
    fireEvent.change(within(form()).getByLabelText('Dimensions'), { target: { value: '768' } });
    fireEvent.change(within(form()).getByLabelText('Most vectors kept'), { target: { value: '200,000' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save embedding settings' }));
    await settle();
    expect(api.inputsOf('embedding.configure')).toEqual([
      { ...defaults, provider: 'openai', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text', cache: { expiryDays: 180, maxEntries: 200_000 } },
    ]);
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'embedding.toast.saved' });
    expect((within(form()).getByRole('radio', { name: 'OpenAI-compatible server' }) as HTMLInputElement).checked).toBe(true);
  });

  it('turns explanations on only with a chat model, labelled as suggestions', async () => {
    const core = embeddingCore();
    const { api } = await openSettings(core.replies);
    fireEvent.click(within(form()).getByRole('checkbox', { name: 'Explain pending matches with a chat model' }));
    fireEvent.change(within(form()).getByLabelText('Server address'), { target: { value: 'https://api.openai.com/v1' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save embedding settings' }));
    await settle();
    expect((within(form()).getByLabelText('Chat model') as HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
    expect(api.inputsOf('embedding.configure')).toEqual([]);
    fireEvent.change(within(form()).getByLabelText('Chat model'), { target: { value: 'gpt-4o-mini' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save embedding settings' }));
    await settle();
    expect(api.inputsOf('embedding.configure')[0]).toMatchObject({ provider: 'local', baseURL: 'https://api.openai.com/v1', explanations: { enabled: true, chatModel: 'gpt-4o-mini' } });
  });

  it('takes the key write-only: sent once, cleared from the field, never shown or kept in the store', async () => {
    const core = embeddingCore({ config: { ...defaults, provider: 'openai', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' } });
    const { api, store, view } = await openSettings(core.replies);
    const keyForm = within(section()).getByRole('form', { name: 'API key' });
    const input = within(keyForm).getByLabelText('API key') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.change(input, { target: { value: KEY } });
    fireEvent.click(within(keyForm).getByRole('button', { name: 'Store key' }));
    await settle();
    expect(api.inputsOf('embedding.setKey')).toEqual([{ apiKey: KEY }]);
    expect(input.value).toBe('');
    expect(within(keyForm).getByText('Key stored in the system keychain.')).toBeTruthy();
    expect(view.container.innerHTML).not.toContain(KEY);
    expect(JSON.stringify(store.getState())).not.toContain(KEY);

    fireEvent.click(within(keyForm).getByRole('button', { name: 'Remove key' }));
    await settle();
    expect(api.inputsOf('embedding.clearKey')).toHaveLength(1);
    expect(within(keyForm).getByText(/^No key stored\./)).toBeTruthy();
  });

  it('tests the connection and says what came back, in one line', async () => {
    const core = embeddingCore({ config: { ...defaults, provider: 'openai', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' } });
    const { api } = await openSettings(core.replies);
    fireEvent.click(within(section()).getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(within(section()).getByText('Connected: the server answered with 768 dimensions in 42 ms.')).toBeTruthy();
    api.replies['embedding.testConnection'] = ok({ ok: false, message: 'the embedding server at http://127.0.0.1:11434/v1 answered 401: check the API key', dimensions: null, latencyMs: null });
    fireEvent.click(within(section()).getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(within(section()).getByRole('alert').textContent).toBe('Connection failed: the embedding server at http://127.0.0.1:11434/v1 answered 401: check the API key');
  });

  it('says when the server failed and runs use the local embedder', async () => {
    const core = embeddingCore({
      config: { ...defaults, provider: 'openai', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' },
      breaker: { state: 'open', lastError: 'the embedding server at http://127.0.0.1:11434/v1 answered 401: check the API key', fallbackActive: true, consecutiveFailures: 1, openedAt: '2025-03-03T09:00:00.000Z' },
    });
    await openSettings(core.replies);
    const alert = within(section()).getAllByRole('alert')[0]!;
    expect(alert.textContent).toContain('The embedding server failed; using the local embedder.');
    expect(alert.textContent).toContain('answered 401: check the API key');
  });

  it('clears the cache and shows the empty counters', async () => {
    const core = embeddingCore();
    const { api, store } = await openSettings(core.replies);
    fireEvent.click(within(section()).getByRole('button', { name: 'Clear cache' }));
    await settle();
    expect(api.inputsOf('embedding.clearCache')).toHaveLength(1);
    expect(store.getState().toasts.at(-1)?.message).toEqual({ key: 'embedding.toast.cacheCleared', params: { count: 1234 } });
    const facts = within(section()).getByText('Vectors cached').parentElement!;
    expect(within(facts).getByText('0')).toBeTruthy();
    expect(within(facts).getByText('—')).toBeTruthy();
    expect((within(section()).getByRole('button', { name: 'Clear cache' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('is read-only for everyone but admins: no key, no test, no clearing', async () => {
    const core = embeddingCore();
    await openSettings({ ...core.replies, 'auth.session': ok({ user: makeUser({ role: 'reviewer' }), expiresAt: '2030-01-01T00:00:00.000Z' }) });
    expect((within(form()).getByLabelText('Most vectors kept') as HTMLInputElement).readOnly).toBe(true);
    expect((within(form()).getByRole('radio', { name: 'OpenAI-compatible server' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(form()).queryByRole('button', { name: 'Save embedding settings' })).toBeNull();
    expect(within(form()).getByText('Only administrators can change these settings.')).toBeTruthy();
    expect(within(section()).queryByLabelText('API key')).toBeNull();
    expect(within(section()).queryByRole('button', { name: 'Test connection' })).toBeNull();
    expect(within(section()).queryByRole('button', { name: 'Clear cache' })).toBeNull();
  });

  it('speaks Spanish, and reads 500.000 typed the Spanish way', async () => {
    const core = embeddingCore({ config: { ...defaults, provider: 'openai', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' }, hasKey: true });
    const { api } = await openSettings(core.replies, ['es-ES']);
    const title = 'Embeddings y sugerencias de IA';
    expect(within(section(title)).getByRole('radio', { name: 'Servidor compatible con OpenAI' })).toBeTruthy();
    expect(within(section(title)).getByText('Clave guardada en el llavero del sistema.')).toBeTruthy();
    expect(within(section(title)).getByText(/nunca aprueban, rechazan ni cambian una conciliación/)).toBeTruthy();
    fireEvent.change(within(form(title)).getByLabelText('Máximo de vectores guardados'), { target: { value: '750.000' } });
    fireEvent.click(within(form(title)).getByRole('button', { name: 'Guardar la configuración de embeddings' }));
    await settle();
    expect(api.inputsOf('embedding.configure')[0]?.cache).toEqual({ expiryDays: 180, maxEntries: 750_000 });
  });

  it('shows a refusal of the core as the save error', async () => {
    const core = embeddingCore();
    await openSettings({ ...core.replies, 'embedding.configure': fail('forbidden', 'Your role (reviewer) may not do this.') });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save embedding settings' }));
    await settle();
    expect(within(form()).getByRole('alert')).toBeTruthy();
  });
});

describe('the embedding draft', () => {
  it('round-trips saved settings and refuses what the contract refuses', () => {
    expect(parseEmbeddingDraft(draftFromConfig(defaults), 'en-US')).toEqual({ value: defaults, errors: null });
    const bad = parseEmbeddingDraft({ ...draftFromConfig(defaults), provider: 'openai', dimensions: '2.5', batchSize: '0', timeoutSeconds: '', expiryDays: '99999' }, 'en-US');
    expect(bad.errors).toEqual({ baseURL: 'required', model: 'required', dimensions: 'whole', batchSize: 'range', timeoutSeconds: 'required', expiryDays: 'range' });
    expect(parseEmbeddingDraft({ ...draftFromConfig(defaults), baseURL: 'http://ana:pw@host/v1' }, 'en-US').errors).toEqual({ baseURL: 'url' });
  });

  it('keeps the store without settings until they load, and the load error when they cannot', async () => {
    const api = createStubApi({ ...loggedInReplies(), 'embedding.settings': fail('forbidden') });
    const store: AppStore = createAppStore({ api, storage: memoryStorage(), preferredLanguages: ['en-US'] });
    await store.getState().start();
    await store.getState().loadEmbeddingSettings();
    expect(store.getState().embeddingSettings).toBeNull();
    expect(store.getState().embeddingErrors.load?.code).toBe('forbidden');
    store.dispose();
  });
});
