-- Bank statements in the database: one import batch per imported file, the statements it
-- held (balances and control totals as the file declares them), their lines, and pairs of
-- lines that look like duplicates but could not be proven to be, for a person to decide.
-- Money is integer minor units of the line's currency, dates YYYY-MM-DD, instants ISO UTC.

-- One row per imported file. The same bytes (sha256) are imported once per company and side:
-- a second import of the same file is a no-op that names this batch.
CREATE TABLE import_batches (
  id                        INTEGER PRIMARY KEY,
  company_id                INTEGER NOT NULL REFERENCES companies(id),
  account_id                INTEGER REFERENCES bank_accounts(id),  -- the file's only account; NULL when it held several
  side                      TEXT NOT NULL CHECK (side IN ('bank', 'books')),
  file_name                 TEXT NOT NULL,
  sha256                    TEXT NOT NULL CHECK (length(sha256) = 64),
  byte_size                 INTEGER NOT NULL CHECK (byte_size >= 0),
  format                    TEXT NOT NULL,
  encoding                  TEXT NOT NULL,
  profile                   TEXT,                                  -- detected CSV/XLSX column profile (books, bank exports)
  imported_by_user_id       INTEGER REFERENCES users(id),          -- NULL for the command line
  imported_by               TEXT NOT NULL,                         -- username, or 'cli'
  imported_at               TEXT NOT NULL,
  line_count                INTEGER NOT NULL CHECK (line_count >= 0),
  added_count               INTEGER NOT NULL CHECK (added_count >= 0),
  skipped_count             INTEGER NOT NULL CHECK (skipped_count >= 0),
  possible_duplicate_count  INTEGER NOT NULL CHECK (possible_duplicate_count >= 0),
  warnings                  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),  -- [{level, code, message, line?}]
  CHECK (added_count + skipped_count = line_count)
) STRICT;
CREATE UNIQUE INDEX import_batches_file ON import_batches(company_id, side, sha256);
CREATE INDEX import_batches_company ON import_batches(company_id, id);

-- One row per statement (account and period) of a batch. Balances and control totals are the
-- file's own; balance_checked says whether opening + lines = closing and the totals agree
-- (NULL: the file gave nothing to check).
CREATE TABLE statements (
  id                     INTEGER PRIMARY KEY,
  account_id             INTEGER NOT NULL REFERENCES bank_accounts(id),
  batch_id               INTEGER NOT NULL REFERENCES import_batches(id),
  statement_ref          TEXT,                 -- the statement's id or sequence number in the file
  currency               TEXT NOT NULL CHECK (length(currency) = 3),
  period_from            TEXT,
  period_to              TEXT,
  opening_balance_minor  INTEGER,
  opening_date           TEXT,
  closing_balance_minor  INTEGER,
  closing_date           TEXT,
  debit_count            INTEGER,
  debit_sum_minor        INTEGER,
  credit_count           INTEGER,
  credit_sum_minor       INTEGER,
  balance_checked        INTEGER CHECK (balance_checked IN (0, 1)),
  line_count             INTEGER NOT NULL CHECK (line_count >= 0),  -- lines in the file, duplicates included
  CHECK ((opening_balance_minor IS NULL) = (opening_date IS NULL)),
  CHECK ((closing_balance_minor IS NULL) = (closing_date IS NULL)),
  CHECK ((debit_count IS NULL) = (credit_sum_minor IS NULL))
) STRICT;
CREATE INDEX statements_account ON statements(account_id, closing_date);
CREATE INDEX statements_batch ON statements(batch_id);

-- One row per movement. A line is the same movement as another of its account when
--  * both carry the bank's own id (bank_id) and the ids are equal: CAMT AcctSvcrRef, an OFX
--    FITID unique inside its file, … (the importer and the import service drop ids that are
--    not unique), or
--  * they have the same fingerprint and occurrence: fingerprint = hash of account, booking
--    date, amount, currency, normalised description, counterparty and references; occurrence =
--    0 for the first identical line of that day in its file, 1 for the second, … so two real
--    identical payments on one day are two lines, and re-importing an overlapping period
--    matches them one for one. For a line with a bank id the occurrence is only made unique.
CREATE TABLE bank_lines (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES bank_accounts(id),
  batch_id            INTEGER NOT NULL REFERENCES import_batches(id),
  statement_id        INTEGER NOT NULL REFERENCES statements(id),
  booking_date        TEXT NOT NULL CHECK (length(booking_date) = 10),
  value_date          TEXT CHECK (value_date IS NULL OR length(value_date) = 10),
  amount_minor        INTEGER NOT NULL,     -- signed: positive money in, negative money out
  currency            TEXT NOT NULL CHECK (length(currency) = 3),
  description         TEXT NOT NULL,        -- the free text re-joined
  counterparty_name   TEXT,
  counterparty_iban   TEXT,
  counterparty_tax_id TEXT,
  refs                TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(refs)),  -- {endToEndId?, creditorReference?, documentNumber?, bankReference?, mandateId?, other?}
  bank_id             TEXT,
  fingerprint         TEXT NOT NULL CHECK (length(fingerprint) = 32),
  occurrence          INTEGER NOT NULL CHECK (occurrence >= 0),
  reversal            INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1)),
  provisional         INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),  -- MT942 / CAMT.052 intraday lines
  bank_code           TEXT,                 -- N43 concepto común, BTC, OFX TRNTYPE, …
  source_line         INTEGER               -- 1-based line of the decoded file
) STRICT;
CREATE UNIQUE INDEX bank_lines_bank_id ON bank_lines(account_id, bank_id) WHERE bank_id IS NOT NULL;
CREATE UNIQUE INDEX bank_lines_fingerprint ON bank_lines(account_id, fingerprint, occurrence);
CREATE INDEX bank_lines_date ON bank_lines(account_id, booking_date, amount_minor);
CREATE INDEX bank_lines_batch ON bank_lines(batch_id);

-- A line imported next to one it may repeat: same day and amount with other text, or the same
-- text and amount one day apart. Both lines stay; a person decides.
CREATE TABLE possible_duplicates (
  id                   INTEGER PRIMARY KEY,
  account_id           INTEGER NOT NULL REFERENCES bank_accounts(id),
  batch_id             INTEGER NOT NULL REFERENCES import_batches(id),  -- the import that found the pair
  line_id              INTEGER NOT NULL REFERENCES bank_lines(id),      -- the newly imported line
  other_line_id        INTEGER NOT NULL REFERENCES bank_lines(id),      -- the line already there
  reason               TEXT NOT NULL CHECK (reason IN ('same_date_amount', 'adjacent_date_same_text')),
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'duplicate', 'distinct')),
  decided_by_user_id   INTEGER REFERENCES users(id),
  decided_by           TEXT,
  decided_at           TEXT,
  CHECK (line_id <> other_line_id),
  CHECK ((status = 'open') = (decided_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX possible_duplicates_pair ON possible_duplicates(line_id, other_line_id);
CREATE INDEX possible_duplicates_open ON possible_duplicates(account_id, status);
CREATE INDEX possible_duplicates_other ON possible_duplicates(other_line_id);
