// The in-memory store: the contract every SecretStore keeps, on the simplest one.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, SecretStoreError } from '../../main/core/secrets/index.js';

describe('createMemoryStore', () => {
  it('sets, gets, replaces and deletes secrets by account', async () => {
    const store = createMemoryStore([['sync', 'pg-password']]);
    expect(store.kind).toBe('memory');
    expect(await store.get('sync')).toBe('pg-password');
    expect(await store.get('embeddings')).toBeNull();
    await store.set('embeddings', 'sk-1');
    await store.set('embeddings', 'sk-2');
    expect(await store.get('embeddings')).toBe('sk-2');
    expect(await store.delete('embeddings')).toBe(true);
    expect(await store.delete('embeddings')).toBe(false);
    expect(await store.get('embeddings')).toBeNull();
  });

  it('keeps stores apart', async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    await a.set('k', 'v');
    expect(await b.get('k')).toBeNull();
  });

  it('refuses empty or overlong account names and empty secrets with invalid_input', async () => {
    const store = createMemoryStore();
    await expect(store.get('')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.set('x'.repeat(201), 's')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(store.set('k', '')).rejects.toMatchObject({ code: 'invalid_input', message: 'an empty secret cannot be stored: delete it instead' });
  });
});
