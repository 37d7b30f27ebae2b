-- The books side: ledger items (entries of a bank account in the company's ledger, and open
-- receivables / payables), the evidence of CFDI payment complements with the invoices each
-- payment pays, and saved spreadsheet profiles (column mappings recognised by their headers).
-- Money is integer minor units of the row's currency, dates YYYY-MM-DD, instants ISO UTC.
-- Imports never delete any of these rows: a re-imported export updates open amounts and due dates.

-- One row per books item. Sign convention (DESIGN.md): positive = money expected into the bank
-- (a customer invoice, a receipt in the bank ledger), negative = money going out.
-- identity_key is the item's document identity inside its company, decided by the import:
--   'id:<external id>'              when the file gives the item an id (canonical CSV `id`),
--   'cfdi:<UUID>'                   for a stamped CFDI,
--   'doc:<kind>|<number>|<party>|<date>[|<amount>|<text>]'  otherwise,
-- prefixed with 'acct:<account id>/' for ledger entries (ids of two bank ledgers may collide)
-- and suffixed with '#<n>' for the n-th repeat of a key inside one file (instalments of one
-- invoice). Re-importing an export finds each item by this key.
CREATE TABLE ledger_items (
  id                 INTEGER PRIMARY KEY,
  company_id         INTEGER NOT NULL REFERENCES companies(id),
  account_id         INTEGER REFERENCES bank_accounts(id),   -- the bank account of a ledger entry; NULL for open items
  batch_id           INTEGER NOT NULL REFERENCES import_batches(id),  -- the import that created the item
  updated_batch_id   INTEGER REFERENCES import_batches(id),  -- the last import that changed it
  external_id        TEXT,                                   -- the id the source file gives the item
  kind               TEXT NOT NULL CHECK (kind IN ('ledger_entry', 'invoice', 'credit_note', 'payment_on_account')),
  document_number    TEXT,
  date               TEXT NOT NULL CHECK (length(date) = 10),
  due_date           TEXT CHECK (due_date IS NULL OR length(due_date) = 10),
  amount_minor       INTEGER NOT NULL,                       -- signed full amount of the document
  open_amount_minor  INTEGER NOT NULL,                       -- signed amount still open
  currency           TEXT NOT NULL CHECK (length(currency) = 3),
  description        TEXT NOT NULL,
  counterparty_name  TEXT,
  tax_id             TEXT,                                   -- NIF/CIF, RFC, … upper case, no separators
  payment_reference  TEXT,
  cfdi_uuid          TEXT,                                   -- upper case
  cfdi               TEXT CHECK (cfdi IS NULL OR json_valid(cfdi)),  -- the CFDI's issuer, receiver, totals, concepts, …
  identity_key       TEXT NOT NULL,
  source_line        INTEGER,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CHECK ((kind = 'ledger_entry') = (account_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX ledger_items_identity ON ledger_items(company_id, identity_key);
CREATE INDEX ledger_items_date ON ledger_items(company_id, date, amount_minor);
CREATE INDEX ledger_items_account ON ledger_items(account_id, date) WHERE account_id IS NOT NULL;
CREATE INDEX ledger_items_cfdi ON ledger_items(company_id, cfdi_uuid) WHERE cfdi_uuid IS NOT NULL;
CREATE INDEX ledger_items_batch ON ledger_items(batch_id);

-- One row per payment of a CFDI payment complement (Pagos 1.0 / 2.0): evidence that a bank
-- movement paid the invoices listed in payment_allocations. Signed like a bank line.
CREATE TABLE payment_evidence (
  id                  INTEGER PRIMARY KEY,
  company_id          INTEGER NOT NULL REFERENCES companies(id),
  batch_id            INTEGER NOT NULL REFERENCES import_batches(id),
  evidence_key        TEXT NOT NULL,        -- complement UUID '#' payment index (the importer's id)
  complement_uuid     TEXT,                 -- upper case; NULL when the complement is not stamped
  complement_version  TEXT CHECK (complement_version IS NULL OR complement_version IN ('1.0', '2.0')),
  date                TEXT NOT NULL CHECK (length(date) = 10),
  amount_minor        INTEGER NOT NULL,
  currency            TEXT NOT NULL CHECK (length(currency) = 3),
  exchange_rate       TEXT,                 -- TipoCambioP as written
  payment_form        TEXT,
  operation_number    TEXT,                 -- SPEI tracking key or other operation number
  payer_bank_rfc      TEXT,
  payer_account       TEXT,
  payee_bank_rfc      TEXT,
  payee_account       TEXT,
  payer_bank_name     TEXT,
  issuer_rfc          TEXT,
  issuer_name         TEXT,
  receiver_rfc        TEXT,
  receiver_name       TEXT,
  direction           TEXT NOT NULL CHECK (direction IN ('issued', 'received', 'unknown')),
  source_line         INTEGER,
  created_at          TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX payment_evidence_key ON payment_evidence(company_id, evidence_key);
CREATE INDEX payment_evidence_date ON payment_evidence(company_id, date, amount_minor);

-- The invoices one payment pays: amount paid in the invoice's currency (signed like the
-- payment), balances before and after. Joined to ledger_items by CFDI UUID, so an invoice
-- imported after its complement is found too.
CREATE TABLE payment_allocations (
  id                       INTEGER PRIMARY KEY,
  evidence_id              INTEGER NOT NULL REFERENCES payment_evidence(id),
  position                 INTEGER NOT NULL CHECK (position >= 0),
  invoice_uuid             TEXT NOT NULL,
  amount_paid_minor        INTEGER NOT NULL,
  currency                 TEXT NOT NULL CHECK (length(currency) = 3),
  previous_balance_minor   INTEGER,
  remaining_balance_minor  INTEGER,
  installment              INTEGER,
  equivalence              TEXT,            -- EquivalenciaDR (or the reading of TipoCambioDR that adds up)
  exchange_rate_dr         TEXT,            -- Pagos 1.0 TipoCambioDR exactly as written
  series                   TEXT,
  folio                    TEXT
) STRICT;
CREATE UNIQUE INDEX payment_allocations_position ON payment_allocations(evidence_id, position);
CREATE INDEX payment_allocations_invoice ON payment_allocations(invoice_uuid);

-- Saved spreadsheet profiles: how the columns of a bank's or an accounting system's export
-- are read, firm-wide (company_id NULL) or for one company. A file whose header signature
-- (its normalised non-empty headers, sorted, joined) equals a profile's is read with it.
CREATE TABLE tabular_profiles (
  id                INTEGER PRIMARY KEY,
  company_id        INTEGER REFERENCES companies(id),
  name              TEXT NOT NULL,
  side              TEXT NOT NULL CHECK (side IN ('bank', 'books')),
  profile           TEXT NOT NULL CHECK (json_valid(profile)),  -- the contract's TabularProfile
  header_signature  TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX tabular_profiles_name ON tabular_profiles(ifnull(company_id, 0), lower(name));
CREATE INDEX tabular_profiles_signature ON tabular_profiles(header_signature, side);
