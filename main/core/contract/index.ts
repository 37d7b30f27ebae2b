/** The contract: the only part of main/ that the renderer and preload may import. */
export * from './errors.js';
export * from './envelope.js';
export * from './schemas.js';
export * from './methods.js';
export * from './events.js';
export * from './books-schemas.js';
export * from './match-schemas.js';
export * from './embedding-schemas.js';
