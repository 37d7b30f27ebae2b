// The database of the UI benchmark (`npm run bench -- ui`): a firm with one company and account,
// and n pending proposals with their bank lines, books items and match lines, inserted with SQL in
// one transaction (a real run never leaves this many pending; the screen reads only what is stored).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createCore } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { createMemoryStore } from '../../main/core/secrets/index.js';
import { setUpFirm, TEST_BCRYPT_COST } from '../core/support.js';
import { random } from './books-generator.js';

const MIGRATIONS = join(fileURLToPath(new URL('../..', import.meta.url)), 'migrations');
const PARTIES = [
  'Distribuciones López SL', 'Talleres Hermanos García SA', 'Frutas Martínez e Hijos SL', 'Consultora Ibérica de Servicios SL', 'Transportes Rápidos del Norte SA',
  'Óptica Visión Clara SL', 'Panadería La Espiga SC', 'Construcciones y Reformas Ruiz SL', 'Suministros Eléctricos Levante SA', 'Clínica Dental Sonrisa SLP',
  'Gestoría Fernández Asesores SL', 'Papelería Central SL', 'Hostelería Mar Azul SL', 'Telefónica de España SAU', 'Iberdrola Clientes SAU',
  'Seguros Mapfre España SA', 'Agencia Tributaria', 'Tesorería General de la Seguridad Social', 'Ferretería El Clavo SL', 'Mercadona SA',
  'Laboratorios Farmacéuticos Rovi SA', 'Autoescuela Vía Libre SL', 'Inmobiliaria Puerta del Sol SL', 'Bodegas Viña Alta SA', 'Software Andaluz Cooperativa',
];
const BANK_PREFIXES = ['TRANSFERENCIA SEPA DE', 'TRANSF. RECIBIDA', 'ADEUDO RECIBO', 'PAGO TARJETA', 'TRANSFERENCIA A FAVOR DE', 'REMESA COBROS', 'DOMICILIACION'];
const KINDS = ['exact', 'reference', 'fuzzy', 'semantic', 'combination'] as const;

export interface Seeded {
  companyId: number;
  accountId: number;
  proposals: number;
  seedMs: number;
}

/**
 * A firm, company and account through the core, then `n` bank lines, books items and pending
 * matches with their match lines, straight into the tables (migrations 0020, 0030, 0050).
 */
export async function seedDatabase(dbPath: string, n: number): Promise<Seeded> {
  const started = performance.now();
  const core = createCore({ dbPath, migrations: MIGRATIONS, version: 'bench', logger: silentLogger, bcryptCost: TEST_BCRYPT_COST, secrets: createMemoryStore() });
  try {
    const admin = await setUpFirm(core);
    const company = await admin.ok('companies.create', { name: 'Distribuciones Bench SL', taxId: null });
    const account = await admin.ok('accounts.create', { companyId: company.id, name: 'Santander cuenta corriente', iban: 'ES9121000418450200051332', number: null, currency: 'EUR' });
    const { db } = core.deps;
    const now = new Date().toISOString();
    const rnd = random(7);
    const insert = db.transaction(() => {
      const batch = (side: 'bank' | 'books', accountId: number | null, fileName: string, hashChar: string): number => Number(db.prepare(`
        INSERT INTO import_batches (company_id, account_id, side, file_name, sha256, byte_size, format, encoding, imported_by, imported_at,
          line_count, added_count, skipped_count, possible_duplicate_count)
        VALUES (?, ?, ?, ?, ?, 0, 'bench', 'utf-8', 'cli', ?, ?, ?, 0, 0)`).run(company.id, accountId, side, fileName, hashChar.repeat(64), now, n, n).lastInsertRowid);
      const bankBatch = batch('bank', account.id, 'bench-statement.sta', 'a');
      const booksBatch = batch('books', null, 'bench-open-items.csv', 'b');
      const statementId = Number(db.prepare(`INSERT INTO statements (account_id, batch_id, statement_ref, currency, period_from, period_to, line_count)
        VALUES (?, ?, 'BENCH', 'EUR', '2025-01-01', '2025-12-31', ?)`).run(account.id, bankBatch, n).lastInsertRowid);
      const line = db.prepare(`INSERT INTO bank_lines (account_id, batch_id, statement_id, booking_date, value_date, amount_minor, currency, description,
        counterparty_name, refs, bank_id, fingerprint, occurrence, source_line) VALUES (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, '{}', ?, ?, 0, ?)`);
      const item = db.prepare(`INSERT INTO ledger_items (company_id, account_id, batch_id, external_id, kind, document_number, date, due_date, amount_minor,
        open_amount_minor, currency, description, counterparty_name, identity_key, source_line, created_at, updated_at)
        VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?)`);
      const match = db.prepare(`INSERT INTO matches (company_id, kind, status, confidence, currency, bank_total_minor, difference_minor, difference_treatment,
        reasons, alternatives, first_date, last_date, engine_version, created_by, created_at)
        VALUES (?, ?, 'pending_review', ?, 'EUR', ?, ?, ?, ?, '[]', ?, ?, 'bench', 'engine', ?)`);
      const matchLine = db.prepare('INSERT INTO match_lines (match_id, bank_line_id, ledger_item_id, amount_minor) VALUES (?, ?, ?, ?)');
      for (let i = 1; i <= n; i++) {
        const party = PARTIES[Math.floor(rnd() * PARTIES.length)]!;
        const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10);
        const income = rnd() < 0.6;
        // Amounts from 1.00 to about 50,000.00, most of them small (log-uniform).
        const magnitude = Math.round(100 * Math.exp(rnd() * Math.log(50_000)));
        const amount = income ? magnitude : -magnitude;
        const document = `F2025-${String(i).padStart(6, '0')}`;
        const prefix = BANK_PREFIXES[Math.floor(rnd() * BANK_PREFIXES.length)]!;
        const description = `${prefix} ${party.toUpperCase()} ${rnd() < 0.5 ? document : `REF ${Math.floor(rnd() * 1e9)}`}`;
        const lineId = Number(line.run(account.id, bankBatch, statementId, day, day, amount, description, party, `BENCH-${i}`, i.toString(16).padStart(32, '0'), i).lastInsertRowid);
        const kind = income ? 'invoice' : rnd() < 0.1 ? 'credit_note' : 'invoice';
        const fee = rnd() < 0.15 ? Math.min(magnitude - 1, 1 + Math.floor(rnd() * 300)) : 0;
        const itemAmount = amount + (income ? fee : -fee);
        const itemId = Number(item.run(company.id, booksBatch, `INV${i}`, kind, document, day, day, itemAmount, itemAmount, `Factura ${document} ${party}`, party, `id:INV${i}`, i, now, now).lastInsertRowid);
        const confidence = Math.round((0.3 + rnd() * 0.67) * 1000) / 1000;
        const similarity = Math.round(55 + rnd() * 45);
        const reasons = [
          ...(description.includes(document) ? [{ code: 'reference_match', params: { reference: document, strength: 'strong' } }] : []),
          { code: similarity >= 60 ? 'counterparty_match' : 'counterparty_weak', params: { name: party, similarity } },
          fee === 0 ? { code: 'amount_exact', params: {} } : { code: 'amount_difference', params: { difference: (fee / 100).toFixed(2), currency: 'EUR', treatment: 'fee' } },
        ];
        const matchId = Number(match.run(company.id, KINDS[i % KINDS.length]!, confidence, amount, fee === 0 ? 0 : income ? -fee : fee, fee === 0 ? 'none' : 'fee', JSON.stringify(reasons), day, day, now).lastInsertRowid);
        matchLine.run(matchId, lineId, null, amount);
        matchLine.run(matchId, null, itemId, itemAmount);
      }
    });
    insert();
    const pending = (db.prepare("SELECT count(*) AS n FROM matches WHERE company_id = ? AND status = 'pending_review'").get(company.id) as { n: number }).n;
    return { companyId: company.id, accountId: account.id, proposals: pending, seedMs: performance.now() - started };
  } finally {
    core.close();
  }
}
