-- Fast lists of bank lines and books items (bankLines.list, bookItems.list): a search table per
-- side with each row's text folded for case- and accent-insensitive search (and the description
-- sort), and the indexes the amount sort and the absolute-amount filter need.
--
-- The search tables are derived data kept by the core (main/core/queries/search-index.ts), not
-- by insert triggers: folding in SQL costs a trigger and a chain of replace() per row and more
-- than doubled the time of a large import. The core indexes the rows whose id is above the
-- side's `indexed_through` (new rows get ids above every existing one) and the rows listed in
-- search_index_stale, before any query that reads a search table. Deletes and text updates are
-- rare and handled here by triggers, so the search tables never hold a row that is gone.

-- sort_text: the folded description (the description sort walks its index); text: the folded
-- counterparty name, tax id, bank id and references. Search is LIKE over both, per account.
CREATE TABLE bank_line_search (
  account_id  INTEGER NOT NULL,
  line_id     INTEGER NOT NULL,
  sort_text   TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (account_id, line_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX bank_line_search_sort ON bank_line_search(account_id, sort_text);

-- As for bank lines, per company: sort_text is the folded description; text the folded document
-- number, counterparty, tax id, payment reference, CFDI UUID and the file's own id.
CREATE TABLE ledger_item_search (
  company_id  INTEGER NOT NULL,
  item_id     INTEGER NOT NULL,
  sort_text   TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (company_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ledger_item_search_sort ON ledger_item_search(company_id, sort_text);

-- How far each search table is complete: every row with id <= indexed_through is in it, except
-- those listed as stale. Starts at 0, so rows imported before this migration are indexed by the
-- first query that needs them.
CREATE TABLE search_index_state (
  side             TEXT PRIMARY KEY CHECK (side IN ('bank', 'books')),
  indexed_through  INTEGER NOT NULL CHECK (indexed_through >= 0)
) STRICT;
INSERT INTO search_index_state (side, indexed_through) VALUES ('bank', 0), ('books', 0);

-- Rows whose text changed after they were indexed; indexed again (and removed from here) next time.
CREATE TABLE search_index_stale (
  side    TEXT NOT NULL CHECK (side IN ('bank', 'books')),
  row_id  INTEGER NOT NULL,
  PRIMARY KEY (side, row_id)
) STRICT, WITHOUT ROWID;

-- A deleted row leaves its search table; if it was the newest row, the next insert may reuse
-- its id, so indexed_through comes down to the newest remaining row.
CREATE TRIGGER bank_lines_search_delete AFTER DELETE ON bank_lines BEGIN
  DELETE FROM bank_line_search WHERE account_id = old.account_id AND line_id = old.id;
  DELETE FROM search_index_stale WHERE side = 'bank' AND row_id = old.id;
  UPDATE search_index_state SET indexed_through = min(indexed_through, coalesce((SELECT max(id) FROM bank_lines), 0))
  WHERE side = 'bank';
END;

CREATE TRIGGER bank_lines_search_update
AFTER UPDATE OF id, account_id, description, counterparty_name, counterparty_tax_id, bank_id, refs ON bank_lines BEGIN
  DELETE FROM bank_line_search WHERE account_id = old.account_id AND line_id = old.id;
  INSERT OR IGNORE INTO search_index_stale (side, row_id) VALUES ('bank', new.id);
END;

CREATE TRIGGER ledger_items_search_delete AFTER DELETE ON ledger_items BEGIN
  DELETE FROM ledger_item_search WHERE company_id = old.company_id AND item_id = old.id;
  DELETE FROM search_index_stale WHERE side = 'books' AND row_id = old.id;
  UPDATE search_index_state SET indexed_through = min(indexed_through, coalesce((SELECT max(id) FROM ledger_items), 0))
  WHERE side = 'books';
END;

-- Re-imports change open amounts and due dates, which are not searched: those do not fire this.
CREATE TRIGGER ledger_items_search_update
AFTER UPDATE OF id, company_id, description, document_number, counterparty_name, tax_id, payment_reference, cfdi_uuid, external_id
ON ledger_items BEGIN
  DELETE FROM ledger_item_search WHERE company_id = old.company_id AND item_id = old.id;
  INSERT OR IGNORE INTO search_index_stale (side, row_id) VALUES ('books', new.id);
END;

-- The amount sort (signed amount, then id) and the absolute-amount filter.
CREATE INDEX bank_lines_amount ON bank_lines(account_id, amount_minor);
CREATE INDEX ledger_items_amount ON ledger_items(company_id, amount_minor);
