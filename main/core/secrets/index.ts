export { type SecretStore, type SecretStoreErrorCode, SecretStoreError, MAX_ACCOUNT_LENGTH } from './secret-store.js';
export { createMemoryStore } from './memory-store.js';
export { createKeytarStore, type KeytarApi, type KeytarModule } from './keytar-store.js';
export { createSafeStorageStore, type SafeStorageLike, type SafeStorageProtection, type SafeStorageStore, type SafeStorageStoreOptions } from './safe-storage-store.js';
export { chooseSecretStore, PROBE_ACCOUNT, type ChooseSecretStoreOptions, type ChosenSecretStore } from './choose-store.js';
