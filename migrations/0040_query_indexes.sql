-- Fast lists of bank lines and books items (bankLines.list, bookItems.list): a search table per
-- side holding each row's text folded for case- and accent-insensitive search, and the indexes
-- the sorts need (date, amount, description; ties broken by id).
--
-- Folding, the same here as in main/core/queries/fold.ts (tests/queries/fold.test.ts keeps them
-- equal): the Latin letters with accents, tilde, diaeresis or cedilla Spanish, Portuguese,
-- French and Catalan use become their base letter, the combining forms of those marks are
-- dropped, then ASCII is lower-cased ('Pérez' and 'PEREZ' both become 'perez'). SQLite's lower()
-- knows ASCII only, so the accented capitals are mapped explicitly. It is done in SQL, by
-- triggers, so that every writer (the import service, a test, a repair with the sqlite3 shell)
-- keeps the search tables right without registering a function. Pure-ASCII text skips the
-- replace() chain (most bank text is ASCII capitals): only rows with other characters are
-- refolded, by the *_fold triggers.

-- ---- Bank lines ----

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

CREATE TRIGGER bank_line_search_fold AFTER INSERT ON bank_line_search
WHEN length(new.sort_text) <> octet_length(new.sort_text) OR length(new.text) <> octet_length(new.text)
BEGIN
  UPDATE bank_line_search SET
    sort_text = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_text
    , 'á', 'a'), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'ã', 'a'), 'å', 'a'), 'Á', 'a'), 'À', 'a')
    , 'Â', 'a'), 'Ä', 'a'), 'Ã', 'a'), 'Å', 'a'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e')
    , 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'í', 'i'), 'ì', 'i'), 'î', 'i'), 'ï', 'i')
    , 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o')
    , 'õ', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'), 'ú', 'u'), 'ù', 'u')
    , 'û', 'u'), 'ü', 'u'), 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n')
    , 'ç', 'c'), 'Ç', 'c'), 'ý', 'y'), 'ÿ', 'y'), 'Ý', 'y'), char(768), ''), char(769), ''), char(770), '')
    , char(771), ''), char(776), ''), char(807), '')),
    text = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text
    , 'á', 'a'), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'ã', 'a'), 'å', 'a'), 'Á', 'a'), 'À', 'a')
    , 'Â', 'a'), 'Ä', 'a'), 'Ã', 'a'), 'Å', 'a'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e')
    , 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'í', 'i'), 'ì', 'i'), 'î', 'i'), 'ï', 'i')
    , 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o')
    , 'õ', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'), 'ú', 'u'), 'ù', 'u')
    , 'û', 'u'), 'ü', 'u'), 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n')
    , 'ç', 'c'), 'Ç', 'c'), 'ý', 'y'), 'ÿ', 'y'), 'Ý', 'y'), char(768), ''), char(769), ''), char(770), '')
    , char(771), ''), char(776), ''), char(807), ''))
  WHERE account_id = new.account_id AND line_id = new.line_id;
END;

CREATE TRIGGER bank_lines_search_insert AFTER INSERT ON bank_lines BEGIN
  INSERT INTO bank_line_search (account_id, line_id, sort_text, text) VALUES (
    new.account_id, new.id, lower(new.description),
    lower(concat_ws(' ', new.counterparty_name, new.counterparty_tax_id, new.bank_id,
      (SELECT group_concat(value, ' ') FROM json_tree(new.refs) WHERE type = 'text'))));
END;

CREATE TRIGGER bank_lines_search_update
AFTER UPDATE OF account_id, description, counterparty_name, counterparty_tax_id, bank_id, refs ON bank_lines BEGIN
  DELETE FROM bank_line_search WHERE account_id = old.account_id AND line_id = old.id;
  INSERT INTO bank_line_search (account_id, line_id, sort_text, text) VALUES (
    new.account_id, new.id, lower(new.description),
    lower(concat_ws(' ', new.counterparty_name, new.counterparty_tax_id, new.bank_id,
      (SELECT group_concat(value, ' ') FROM json_tree(new.refs) WHERE type = 'text'))));
END;

CREATE TRIGGER bank_lines_search_delete AFTER DELETE ON bank_lines BEGIN
  DELETE FROM bank_line_search WHERE account_id = old.account_id AND line_id = old.id;
END;

INSERT INTO bank_line_search (account_id, line_id, sort_text, text)
SELECT l.account_id, l.id, lower(l.description),
  lower(concat_ws(' ', l.counterparty_name, l.counterparty_tax_id, l.bank_id,
    (SELECT group_concat(value, ' ') FROM json_tree(l.refs) WHERE type = 'text')))
FROM bank_lines l;

-- The amount sort (signed amount, then id) and the absolute-amount filter.
CREATE INDEX bank_lines_amount ON bank_lines(account_id, amount_minor);

-- ---- Books items ----

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

CREATE TRIGGER ledger_item_search_fold AFTER INSERT ON ledger_item_search
WHEN length(new.sort_text) <> octet_length(new.sort_text) OR length(new.text) <> octet_length(new.text)
BEGIN
  UPDATE ledger_item_search SET
    sort_text = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_text
    , 'á', 'a'), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'ã', 'a'), 'å', 'a'), 'Á', 'a'), 'À', 'a')
    , 'Â', 'a'), 'Ä', 'a'), 'Ã', 'a'), 'Å', 'a'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e')
    , 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'í', 'i'), 'ì', 'i'), 'î', 'i'), 'ï', 'i')
    , 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o')
    , 'õ', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'), 'ú', 'u'), 'ù', 'u')
    , 'û', 'u'), 'ü', 'u'), 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n')
    , 'ç', 'c'), 'Ç', 'c'), 'ý', 'y'), 'ÿ', 'y'), 'Ý', 'y'), char(768), ''), char(769), ''), char(770), '')
    , char(771), ''), char(776), ''), char(807), '')),
    text = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text
    , 'á', 'a'), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'ã', 'a'), 'å', 'a'), 'Á', 'a'), 'À', 'a')
    , 'Â', 'a'), 'Ä', 'a'), 'Ã', 'a'), 'Å', 'a'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e')
    , 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'í', 'i'), 'ì', 'i'), 'î', 'i'), 'ï', 'i')
    , 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o')
    , 'õ', 'o'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'), 'ú', 'u'), 'ù', 'u')
    , 'û', 'u'), 'ü', 'u'), 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'ñ', 'n'), 'Ñ', 'n')
    , 'ç', 'c'), 'Ç', 'c'), 'ý', 'y'), 'ÿ', 'y'), 'Ý', 'y'), char(768), ''), char(769), ''), char(770), '')
    , char(771), ''), char(776), ''), char(807), ''))
  WHERE company_id = new.company_id AND item_id = new.item_id;
END;

CREATE TRIGGER ledger_items_search_insert AFTER INSERT ON ledger_items BEGIN
  INSERT INTO ledger_item_search (company_id, item_id, sort_text, text) VALUES (
    new.company_id, new.id, lower(new.description),
    lower(concat_ws(' ', new.document_number, new.counterparty_name, new.tax_id, new.payment_reference, new.cfdi_uuid, new.external_id)));
END;

CREATE TRIGGER ledger_items_search_update
AFTER UPDATE OF company_id, description, document_number, counterparty_name, tax_id, payment_reference, cfdi_uuid, external_id
ON ledger_items BEGIN
  DELETE FROM ledger_item_search WHERE company_id = old.company_id AND item_id = old.id;
  INSERT INTO ledger_item_search (company_id, item_id, sort_text, text) VALUES (
    new.company_id, new.id, lower(new.description),
    lower(concat_ws(' ', new.document_number, new.counterparty_name, new.tax_id, new.payment_reference, new.cfdi_uuid, new.external_id)));
END;

CREATE TRIGGER ledger_items_search_delete AFTER DELETE ON ledger_items BEGIN
  DELETE FROM ledger_item_search WHERE company_id = old.company_id AND item_id = old.id;
END;

INSERT INTO ledger_item_search (company_id, item_id, sort_text, text)
SELECT i.company_id, i.id, lower(i.description),
  lower(concat_ws(' ', i.document_number, i.counterparty_name, i.tax_id, i.payment_reference, i.cfdi_uuid, i.external_id))
FROM ledger_items i;

CREATE INDEX ledger_items_amount ON ledger_items(company_id, amount_minor);
