import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core.js';
import type { Logger } from '../../main/core/logger.js';
import { verifyAuditLog } from '../../main/core/audit/audit-log.js';
import type { ImportResult } from '../../main/core/contract/index.js';
import { MIGRATIONS_DIR, TEST_BCRYPT_COST, TestClient, cliSession, makeTempDir, steppingClock } from '../core/support.js';
import { camt053, dailyMovements, mt940, norma43, ofx } from './support/statement-files.js';
import { companyWithAccount, rowCounts } from './support/harness.js';

const SHARED_DATA = join(process.cwd(), '..', 'shared', 'data');
const STATEMENT_DIRS = ['n43', 'mt940', 'mt942', 'ofx', 'camt052', 'camt053', 'camt054'];

/** Real statement files from other projects' test suites (when the shared folder is there), plus our own. */
function seedFiles(): Buffer[] {
  const real = STATEMENT_DIRS.flatMap((dir) => {
    const path = join(SHARED_DATA, dir);
    try {
      return readdirSync(path)
        .filter((n) => !/\.(json|yml|md)$/.test(n) && statSync(join(path, n)).isFile())
        .map((n) => readFileSync(join(path, n)));
    } catch {
      return [];
    }
  });
  const ms = dailyMovements('2025-01-01', '2025-01-06');
  return [
    ...real,
    norma43({ movements: ms, from: '2025-01-01', to: '2025-01-06', openingMinor: 5000 }),
    mt940({ movements: ms.map((m, i) => ({ ...m, bankId: `B${i}` })), openingMinor: 0, openingDate: '2025-01-01', closingDate: '2025-01-06' }),
    ofx({ movements: ms.map((m, i) => ({ ...m, bankId: `F${i % 4}` })), from: '2025-01-01', to: '2025-01-06', closingMinor: 0 }),
    camt053({ movements: ms.map((m, i) => ({ ...m, bankId: `A${i}` })), from: '2025-01-01', to: '2025-01-06', openingMinor: 0 }),
  ];
}

let tmp: ReturnType<typeof makeTempDir>;
let core: ReturnType<typeof createCore>;
let cli: TestClient;
let crashes: unknown[];
beforeEach(() => {
  tmp = makeTempDir();
  crashes = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (obj, msg) => void crashes.push({ msg, err: String((obj as { err?: unknown }).err) }),
  };
  core = createCore({ dbPath: tmp.path('cuadra.db'), migrations: MIGRATIONS_DIR, version: 't', logger, clock: steppingClock().clock, bcryptCost: TEST_BCRYPT_COST });
  cli = new TestClient(core, cliSession);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const base64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const CLEAN_CODES = ['import_unreadable', 'invalid_input', 'conflict'];

describe('a file that cannot be imported', () => {
  it('leaves the database exactly as it was', async () => {
    const { companyId, accountId } = await companyWithAccount(cli);
    const before = rowCounts(core.deps.db);
    const bad = [
      Buffer.alloc(0),
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      Buffer.from([0x00, 0xff, 0x10, 0x80, 0x00, 0x00, 0x41]),
      camt053({ movements: dailyMovements('2025-01-01', '2025-01-02'), from: '2025-01-01', to: '2025-01-02', openingMinor: 0 }).subarray(0, 400),
      // A table in which no date or amount column can be found: refused until it is mapped.
      Buffer.from('nombre;ciudad\nAna;Madrid\nLuis;Sevilla\n'),
    ];
    for (const bytes of bad) {
      const envelope = await cli.raw('imports.commit', { companyId, accountId, fileName: 'bad', contentBase64: base64(bytes), createAccount: true });
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(CLEAN_CODES).toContain(envelope.error.code);
    }
    expect(rowCounts(core.deps.db)).toEqual(before);
  });

  it('rolls back everything, a created account included, when writing fails half-way', async () => {
    const company = await cli.ok('companies.create', { name: 'Acme SL', taxId: null });
    const before = rowCounts(core.deps.db);
    // The 150th line cannot be written: everything before it must go too.
    core.deps.db.exec(`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON bank_lines
      WHEN (SELECT count(*) FROM bank_lines) >= 149 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const ms = dailyMovements('2025-01-01', '2025-04-30');
    const file = norma43({ movements: ms, from: '2025-01-01', to: '2025-04-30', openingMinor: 0 });
    const envelope = await cli.raw('imports.commit', { companyId: company.id, fileName: 'a.n43', contentBase64: base64(file), createAccount: true });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(rowCounts(core.deps.db)).toEqual(before);
    expect(verifyAuditLog(core.deps.db).ok).toBe(true);
    core.deps.db.exec('DROP TRIGGER temp.fail_midway');
    const result = await cli.ok('imports.commit', { companyId: company.id, fileName: 'a.n43', contentBase64: base64(file), createAccount: true });
    expect(result).toMatchObject({ added: ms.length, alreadyImported: false });
  });
});

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat-line'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat() }),
);

function mutate(file: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(file);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip' && b.length > 0) b[at] = m.byte;
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else if (m.kind === 'repeat-line') {
      const start = b.lastIndexOf(10, at) + 1;
      const end = b.indexOf(10, at);
      if (end > start) b = Buffer.concat([b.subarray(0, end + 1), b.subarray(start, end + 1), b.subarray(end + 1)]);
    }
  }
  return b;
}

describe('mutated real statement files (property)', () => {
  it('either import whole or fail cleanly with nothing written', async () => {
    const seeds = seedFiles();
    expect(seeds.length).toBeGreaterThan(4);
    const { companyId, accountId } = await companyWithAccount(cli);
    const outcomes = { imported: 0, alreadyImported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (seed, mutations, chooseAccount) => {
          const bytes = mutate(seeds[seed]!, mutations);
          const before = rowCounts(core.deps.db);
          const envelope = await cli.raw('imports.commit', {
            companyId,
            accountId: chooseAccount ? accountId : null,
            fileName: 'mutated',
            contentBase64: base64(bytes),
            createAccount: true,
          });
          const after = rowCounts(core.deps.db);
          if (!envelope.ok) {
            expect(CLEAN_CODES).toContain(envelope.error.code);
            expect(after).toEqual(before);
            outcomes.refused++;
            return;
          }
          const r = envelope.value as ImportResult;
          if (r.alreadyImported) {
            expect(after).toEqual(before);
            outcomes.alreadyImported++;
            return;
          }
          outcomes.imported++;
          expect(after.import_batches).toBe(before.import_batches! + 1);
          expect(after.bank_lines).toBe(before.bank_lines! + r.added);
          expect(after.possible_duplicates).toBe(before.possible_duplicates! + r.possibleDuplicates);
          expect(after.bank_accounts).toBe(before.bank_accounts! + r.createdAccounts.length);
          expect(after.audit_log).toBe(before.audit_log! + 1 + r.createdAccounts.length);
          const inBatch = core.deps.db.prepare('SELECT count(*) AS n FROM bank_lines WHERE batch_id = ?').get(r.batchId) as { n: number };
          expect(inBatch.n).toBe(r.added);
        },
      ),
      { numRuns: 400, seed: 20250303 },
    );
    expect(crashes, JSON.stringify(crashes.slice(0, 3))).toEqual([]);
    expect(outcomes.imported).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(20);
    expect(verifyAuditLog(core.deps.db).ok).toBe(true);
    expect(core.deps.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});
