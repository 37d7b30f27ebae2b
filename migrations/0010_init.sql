-- Cuadra's first schema: the firm's users and sessions, client companies, their bank
-- accounts, settings, and the append-only, hash-chained audit log.
-- Money is integer minor units, dates ISO-8601 text (UTC for instants).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL            -- JSON
) STRICT;

CREATE TABLE roles (
  name        TEXT PRIMARY KEY,
  description TEXT NOT NULL
) STRICT;
INSERT INTO roles (name, description) VALUES
  ('admin',    'Manages users, companies, settings and period locks'),
  ('preparer', 'Imports files, reconciles and builds matches'),
  ('reviewer', 'Reviews and approves proposed matches');

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL REFERENCES roles(name),
  password_hash  TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins  INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until   TEXT,             -- set after 5 consecutive failures; kept after it passes
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

-- Only the SHA-256 of a session token is stored: a copied database file opens no session.
-- A session ends 2 hours after last_seen_at (sliding) or at expires_at (12 hours after
-- created_at), whichever comes first.
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE companies (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  tax_id       TEXT,
  archived_at  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX companies_name ON companies(name COLLATE NOCASE);

CREATE TABLE bank_accounts (
  id           INTEGER PRIMARY KEY,
  company_id   INTEGER NOT NULL REFERENCES companies(id),
  name         TEXT NOT NULL,
  iban         TEXT,               -- electronic format: no spaces, upper case
  number       TEXT,
  currency     TEXT NOT NULL CHECK (length(currency) = 3),
  archived_at  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK (iban IS NOT NULL OR number IS NOT NULL OR name <> '')
) STRICT;
CREATE UNIQUE INDEX bank_accounts_name ON bank_accounts(company_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX bank_accounts_iban ON bank_accounts(company_id, iban) WHERE iban IS NOT NULL;
CREATE UNIQUE INDEX bank_accounts_number ON bank_accounts(company_id, number) WHERE number IS NOT NULL;

-- Append-only: hash = sha256(prev_hash || canonical JSON of the entry); the first entry's
-- prev_hash is 64 zeros. Editing or removing a row breaks the chain (audit.verify).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  username    TEXT,
  company_id  INTEGER REFERENCES companies(id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  details     TEXT NOT NULL CHECK (json_valid(details)),  -- canonical JSON object
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_company ON audit_log(company_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
