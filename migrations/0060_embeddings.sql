-- Embeddings: a cache of the vectors embedders computed, and the stored vectors of the semantic
-- index. The sqlite-vec vec0 tables that search them are not created here: they are an index,
-- created and rebuilt from semantic_vectors by main/core/embed/vector-index.ts.
-- Vectors are Float32 little-endian BLOBs; instants ISO 8601 UTC.

-- One vector per (embedder, normalised text). text_hash = sha256(embedder version, NUL,
-- normalised text), so a new version never reads an old vector. Rows not used for a while, and
-- the least recently used beyond a size cap, are pruned.
CREATE TABLE embedding_cache (
  provider      TEXT NOT NULL,
  model         TEXT NOT NULL,
  dimensions    INTEGER NOT NULL CHECK (dimensions > 0),
  text_hash     TEXT NOT NULL CHECK (length(text_hash) = 64),
  vector        BLOB NOT NULL CHECK (length(vector) = 4 * dimensions),
  created_at    TEXT NOT NULL,
  last_used_at  TEXT NOT NULL,
  PRIMARY KEY (provider, model, dimensions, text_hash)
) STRICT;
CREATE INDEX embedding_cache_last_used ON embedding_cache(last_used_at);

-- Counters since the last clear: texts found in the cache, texts the embedder had to compute,
-- rows removed by pruning.
CREATE TABLE embedding_cache_stats (
  provider    TEXT NOT NULL,
  model       TEXT NOT NULL,
  dimensions  INTEGER NOT NULL,
  hits        INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  misses      INTEGER NOT NULL DEFAULT 0 CHECK (misses >= 0),
  PRIMARY KEY (provider, model, dimensions)
) STRICT, WITHOUT ROWID;

-- An embedding space: vectors of one provider, model and length. Vectors of two spaces are
-- never compared; each space has its own vec0 table (vec_float_<id>).
CREATE TABLE semantic_spaces (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,      -- 'provider|model|dimensions'
  dimensions  INTEGER NOT NULL CHECK (dimensions > 0 AND dimensions % 32 = 0)
) STRICT;

-- The source of truth of the semantic index: one unit vector per company, kind and row
-- (kind: 'bank_line', 'book_item', 'approved_line', …; ref_id: that row's id). text_hash tells
-- whether the text changed since it was embedded. bits: the sign bits of a fixed random rotation
-- of the vector (sign-bits.ts), which the quantised search scans first; the second index covers
-- the query that loads a company's bits into memory without reading its 1 KB vectors.
CREATE TABLE semantic_vectors (
  id          INTEGER PRIMARY KEY,
  space_id    INTEGER NOT NULL REFERENCES semantic_spaces(id),
  company_id  INTEGER NOT NULL REFERENCES companies(id),
  kind        TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND length(kind) <= 32),
  ref_id      INTEGER NOT NULL,
  text_hash   TEXT NOT NULL,
  vector      BLOB NOT NULL,
  bits        BLOB NOT NULL CHECK (length(vector) = 32 * length(bits))
) STRICT;
CREATE UNIQUE INDEX semantic_vectors_ref ON semantic_vectors(space_id, company_id, kind, ref_id);
CREATE INDEX semantic_vectors_bits ON semantic_vectors(space_id, company_id, id, kind, bits);

-- How many vectors each company has in each space, and a generation that every change bumps
-- (in-memory copies of the sign bits compare it to know they are current). Kept by triggers.
CREATE TABLE semantic_vector_counts (
  space_id    INTEGER NOT NULL,
  company_id  INTEGER NOT NULL,
  vectors     INTEGER NOT NULL CHECK (vectors >= 0),
  generation  INTEGER NOT NULL,
  PRIMARY KEY (space_id, company_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER semantic_vectors_insert AFTER INSERT ON semantic_vectors BEGIN
  INSERT INTO semantic_vector_counts (space_id, company_id, vectors, generation) VALUES (new.space_id, new.company_id, 1, 1)
  ON CONFLICT (space_id, company_id) DO UPDATE SET vectors = vectors + 1, generation = generation + 1;
END;

CREATE TRIGGER semantic_vectors_delete AFTER DELETE ON semantic_vectors BEGIN
  UPDATE semantic_vector_counts SET vectors = vectors - 1, generation = generation + 1
  WHERE space_id = old.space_id AND company_id = old.company_id;
END;

CREATE TRIGGER semantic_vectors_update AFTER UPDATE ON semantic_vectors BEGIN
  UPDATE semantic_vector_counts SET vectors = vectors - 1, generation = generation + 1
  WHERE space_id = old.space_id AND company_id = old.company_id;
  INSERT INTO semantic_vector_counts (space_id, company_id, vectors, generation) VALUES (new.space_id, new.company_id, 1, 1)
  ON CONFLICT (space_id, company_id) DO UPDATE SET vectors = vectors + 1, generation = generation + 1;
END;
