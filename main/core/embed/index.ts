// Public surface of the embedding module: embedders, the SQLite embedding cache and the
// sqlite-vec semantic index. Import from here, not from the files.
export {
  blobToVector,
  embeddingSpace,
  l2NormaliseInPlace,
  normaliseForEmbedding,
  similarityFromDistance,
  textHash,
  vectorToBlob,
  type Embedder,
  type EmbedderIdentity,
} from './embedder.js';
export {
  buildIdfTable,
  createLocalEmbedder,
  IdfTable,
  LOCAL_EMBEDDER_MODEL,
  type IdfOptions,
  type IdfTableJson,
  type LocalEmbedder,
  type LocalEmbedderOptions,
} from './local-embedder.js';
export {
  createEmbeddingCache,
  type EmbedderCacheStats,
  type EmbeddingCache,
  type EmbeddingCacheOptions,
  type EmbeddingCacheStats,
  type PruneResult,
} from './embedding-cache.js';
export {
  createVectorIndex,
  type SearchMode,
  type SearchOptions,
  type VectorHit,
  type VectorIndex,
  type VectorIndexOptions,
  type VectorItem,
  type VectorKind,
  type VectorRef,
} from './vector-index.js';
