-- Reconciliation: runs of the matching engine, the matches they propose and people decide,
-- what decisions teach (aliases, rejected pairs, rules), per-company matching settings and
-- period locks. Money in integer minor units, dates YYYY-MM-DD, times ISO 8601.

-- Per-company tuning of the engine (absent row = the engine's defaults).
CREATE TABLE matching_settings (
  company_id            INTEGER PRIMARY KEY REFERENCES companies(id),
  threshold             REAL NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  tolerance_percent     REAL NOT NULL CHECK (tolerance_percent >= 0 AND tolerance_percent <= 50),
  fee_tolerance_minor   INTEGER NOT NULL CHECK (fee_tolerance_minor >= 0),
  date_window_before    INTEGER NOT NULL CHECK (date_window_before >= 0),
  date_window_after     INTEGER NOT NULL CHECK (date_window_after >= 0),
  updated_by            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
) STRICT;

-- One pipeline run over a company. `state` is the engine's checkpoint (plain JSON) written at
-- every stage boundary, so a run interrupted by a crash resumes from its last stage.
CREATE TABLE reconcile_runs (
  id                 INTEGER PRIMARY KEY,
  company_id         INTEGER NOT NULL REFERENCES companies(id),
  status             TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'abandoned')),
  parameters         TEXT NOT NULL CHECK (json_valid(parameters)),   -- the engine's resolved parameters
  overrides          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(overrides)),
  account_ids        TEXT CHECK (account_ids IS NULL OR json_valid(account_ids)),  -- NULL = every account
  engine_version     TEXT NOT NULL,
  model_version      TEXT NOT NULL,
  input_digest       TEXT,
  stage              TEXT NOT NULL,
  progress_done      INTEGER NOT NULL DEFAULT 0,
  progress_total     INTEGER NOT NULL DEFAULT 0,
  state              TEXT CHECK (state IS NULL OR json_valid(state)),
  resumed_count      INTEGER NOT NULL DEFAULT 0,
  owner              TEXT,                            -- the process working on it (a random token per attempt)
  stats              TEXT CHECK (stats IS NULL OR json_valid(stats)),
  diagnostics        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(diagnostics)),
  error              TEXT,
  started_by_user_id INTEGER REFERENCES users(id),
  started_by         TEXT NOT NULL,
  started_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  finished_at        TEXT
) STRICT;
CREATE INDEX reconcile_runs_company ON reconcile_runs(company_id, id);
-- At most one unfinished run per company.
CREATE UNIQUE INDEX reconcile_runs_running ON reconcile_runs(company_id) WHERE status = 'running';

-- A match links 1..n bank lines to 0..m books items. Engine proposals carry their run and the
-- engine's stable key; manual matches and chosen alternatives have kind 'manual' or the
-- alternative's kind and no key.
CREATE TABLE matches (
  id                   INTEGER PRIMARY KEY,
  company_id           INTEGER NOT NULL REFERENCES companies(id),
  run_id               INTEGER REFERENCES reconcile_runs(id),
  proposal_key         TEXT,
  kind                 TEXT NOT NULL CHECK (kind IN ('exact', 'reference', 'fuzzy', 'semantic', 'combination', 'transfer', 'manual')),
  status               TEXT NOT NULL CHECK (status IN ('proposed', 'auto_approved', 'pending_review', 'approved', 'rejected', 'superseded')),
  confidence           REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  currency             TEXT NOT NULL CHECK (length(currency) = 3),   -- the bank lines' currency
  bank_total_minor     INTEGER NOT NULL,
  difference_minor     INTEGER NOT NULL,
  difference_treatment TEXT NOT NULL CHECK (difference_treatment IN ('none', 'fee', 'rounding', 'fx', 'write_off')),
  write_off_account    TEXT,                                         -- the books account a write-off goes to
  reasons              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
  alternatives         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alternatives)),
  first_date           TEXT NOT NULL,                                -- earliest booking date of its bank lines
  last_date            TEXT NOT NULL,                                -- latest one (period locks look at it)
  engine_version       TEXT,
  created_by           TEXT NOT NULL,                                -- 'engine' or the username
  created_at           TEXT NOT NULL,
  decided_by_user_id   INTEGER REFERENCES users(id),
  decided_by           TEXT,
  decided_at           TEXT,
  replaces_match_id    INTEGER REFERENCES matches(id),               -- a chosen alternative replaces its proposal
  note                 TEXT
) STRICT;
CREATE UNIQUE INDEX matches_run_key ON matches(run_id, proposal_key) WHERE proposal_key IS NOT NULL;
CREATE INDEX matches_company_status ON matches(company_id, status, confidence);
CREATE INDEX matches_replaces ON matches(replaces_match_id) WHERE replaces_match_id IS NOT NULL;

-- The lines of a match: bank lines (their whole amount) and books items (the allocated amount,
-- in the item's currency).
CREATE TABLE match_lines (
  id              INTEGER PRIMARY KEY,
  match_id        INTEGER NOT NULL REFERENCES matches(id),
  bank_line_id    INTEGER REFERENCES bank_lines(id),
  ledger_item_id  INTEGER REFERENCES ledger_items(id),
  amount_minor    INTEGER NOT NULL,
  CHECK ((bank_line_id IS NULL) <> (ledger_item_id IS NULL))
) STRICT;
CREATE INDEX match_lines_match ON match_lines(match_id);
CREATE INDEX match_lines_bank ON match_lines(bank_line_id, match_id) WHERE bank_line_id IS NOT NULL;
CREATE INDEX match_lines_item ON match_lines(ledger_item_id, match_id) WHERE ledger_item_id IS NOT NULL;

-- Every decision on a match, so any one can be undone in order.
CREATE TABLE match_decisions (
  id                INTEGER PRIMARY KEY,
  match_id          INTEGER NOT NULL REFERENCES matches(id),
  action            TEXT NOT NULL CHECK (action IN ('auto_approve', 'approve', 'reject', 'choose_alternative', 'manual', 'undo')),
  from_status       TEXT NOT NULL,
  to_status         TEXT NOT NULL,
  related_match_id  INTEGER REFERENCES matches(id),    -- the proposal a chosen alternative replaced
  learned_alias_id  INTEGER,                           -- the alias this approval taught (removed on undo)
  undone_by         INTEGER REFERENCES match_decisions(id),
  user_id           INTEGER REFERENCES users(id),
  username          TEXT NOT NULL,
  at                TEXT NOT NULL
) STRICT;
CREATE INDEX match_decisions_match ON match_decisions(match_id, id);

-- Bank lines a run could not match, with what they probably are.
CREATE TABLE unmatched_suggestions (
  bank_line_id     INTEGER PRIMARY KEY REFERENCES bank_lines(id),
  run_id           INTEGER NOT NULL REFERENCES reconcile_runs(id),
  treatment        TEXT CHECK (treatment IS NULL OR treatment IN ('bank_charge', 'interest', 'tax', 'transfer')),
  reasons          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
  candidates       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(candidates))
) STRICT;
CREATE INDEX unmatched_suggestions_run ON unmatched_suggestions(run_id);

-- What approvals taught and rules people wrote: this bank text stands for this counterparty.
CREATE TABLE counterparty_aliases (
  id                  INTEGER PRIMARY KEY,
  company_id          INTEGER NOT NULL REFERENCES companies(id),
  bank_text           TEXT NOT NULL,                 -- folded words the bank line must show
  counterparty_name   TEXT,
  tax_id              TEXT,
  source              TEXT NOT NULL CHECK (source IN ('approval', 'rule')),
  times_used          INTEGER NOT NULL DEFAULT 1 CHECK (times_used >= 0),
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  CHECK (counterparty_name IS NOT NULL OR tax_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX counterparty_aliases_key ON counterparty_aliases(company_id, bank_text, ifnull(counterparty_name, ''), ifnull(tax_id, ''));

-- A person said this bank line does not pay this item: the pair is never auto-approved again.
CREATE TABLE rejected_pairs (
  id               INTEGER PRIMARY KEY,
  company_id       INTEGER NOT NULL REFERENCES companies(id),
  bank_line_id     INTEGER NOT NULL REFERENCES bank_lines(id),
  ledger_item_id   INTEGER NOT NULL REFERENCES ledger_items(id),
  match_id         INTEGER REFERENCES matches(id),
  rejected_by      TEXT NOT NULL,
  rejected_at      TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX rejected_pairs_pair ON rejected_pairs(company_id, bank_line_id, ledger_item_id);
CREATE INDEX rejected_pairs_match ON rejected_pairs(match_id);

-- An admin closed an account's books up to a date: decisions on lines dated on or before it
-- are refused until the lock is lifted.
CREATE TABLE period_locks (
  account_id        INTEGER PRIMARY KEY REFERENCES bank_accounts(id),
  locked_through    TEXT NOT NULL CHECK (length(locked_through) = 10),
  locked_by_user_id INTEGER REFERENCES users(id),
  locked_by         TEXT NOT NULL,
  locked_at         TEXT NOT NULL
) STRICT;
