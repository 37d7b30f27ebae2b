import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankAccount, Company, User } from '../../main/core/contract/index.js';
import { filesContaining, listFiles, removeDir, repoRoot, runCli, tempDir, type CliRun } from './helpers.js';

let home: string;
let db: string;
beforeAll(() => {
  home = tempDir('cuadra-cli-');
  db = join(home, 'firm.db');
});
afterAll(() => removeDir(home));

const cli = (args: readonly string[], options?: Parameters<typeof runCli>[2]): Promise<CliRun> => runCli(home, args, options);

/** stdout parsed as exactly one JSON document (JSON.parse fails on anything else). */
function json<T>(run: CliRun): T {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** A failure: non-zero exit, nothing on stdout, one line `cuadra: …` on stderr, no stack trace. */
function expectOneLineFailure(run: CliRun, status: number, pattern: RegExp): void {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^cuadra: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s*at /m);
  expect(run.stderr).not.toMatch(/\.ts:\d+/);
}

describe('cuadra without a database', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await cli(['--version']);
    expect(run).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command and each command has its own help', async () => {
    const run = await cli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['companies list', 'companies create', 'accounts list', 'accounts create', 'users create']) {
      expect(run.stdout).toContain(command);
    }
    expect(run.stdout).toContain('--json');
    const sub = await cli(['accounts', 'create', '--help']);
    expect(sub.status).toBe(0);
    expect(sub.stdout).toMatch(/^Usage: cuadra accounts create --company NAME\|ID --name NAME/);
    expect(sub.stdout).toContain('--currency CODE');
  });

  it('an unknown command exits 2 with one line', async () => {
    const run = await cli(['frobnicate', '--json']);
    expectOneLineFailure(run, 2, /^cuadra: unknown command "frobnicate"; see cuadra --help$/);
  });

  it('an unknown subcommand, option or a missing required option exits 2', async () => {
    expectOneLineFailure(await cli(['companies', 'delete']), 2, /unknown command "companies delete"/);
    expectOneLineFailure(await cli(['companies']), 2, /"companies" needs a subcommand \(list, create\)/);
    expectOneLineFailure(await cli(['companies', 'create', '--nmae', 'X', '--db', db]), 2, /unknown option '--nmae'/);
    expectOneLineFailure(await cli(['companies', 'create', '--db', db]), 2, /companies create needs --name/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('cuadra against a database', () => {
  let company: Company;

  it('creates and lists companies as JSON', async () => {
    company = json<Company>(await cli(['companies', 'create', '--name', 'Ferretería Núñez SL', '--tax-id', 'B12345678', '--db', db, '--json']));
    expect(company).toMatchObject({ name: 'Ferretería Núñez SL', taxId: 'B12345678', archived: false });
    expect(company.id).toBeGreaterThan(0);
    json<Company>(await cli(['companies', 'create', '--name', 'Otra SA', '--db', db, '--json']));

    const list = json<Company[]>(await cli(['companies', 'list', '--db', db, '--json']));
    expect(list.map((c) => c.name).sort()).toEqual(['Ferretería Núñez SL', 'Otra SA']);
    expect(list.find((c) => c.id === company.id)).toEqual(company);
  });

  it('prints a table without --json', async () => {
    const run = await cli(['companies', 'list', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+TAX ID\s+STATUS\s+CREATED$/);
    expect(rows.some((r) => r.includes('Ferretería Núñez SL') && r.includes('B12345678'))).toBe(true);
  });

  it('a duplicate company name fails with one line', async () => {
    expectOneLineFailure(await cli(['companies', 'create', '--name', 'otra sa', '--db', db, '--json']), 1, /^cuadra: /);
  });

  it('creates accounts by company name (any case) or id and lists them as JSON', async () => {
    const account = json<BankAccount>(
      await cli(['accounts', 'create', '--company', 'FERRETERÍA NÚÑEZ SL', '--name', 'Principal', '--iban', 'ES91 2100 0418 4502 0005 1332', '--currency', 'EUR', '--db', db, '--json']),
    );
    expect(account).toMatchObject({ companyId: company.id, name: 'Principal', iban: 'ES9121000418450200051332', number: null, currency: 'EUR' });
    const second = json<BankAccount>(
      await cli(['accounts', 'create', '--company', String(company.id), '--name', 'Caja', '--number', '0001-22', '--currency', 'EUR', '--db', db, '--json']),
    );
    expect(second).toMatchObject({ companyId: company.id, iban: null, number: '0001-22' });

    const list = json<BankAccount[]>(await cli(['accounts', 'list', '--company', String(company.id), '--db', db, '--json']));
    expect(list.map((a) => a.name).sort()).toEqual(['Caja', 'Principal']);
    const table = await cli(['accounts', 'list', '--company', 'ferretería núñez sl', '--db', db]);
    expect(table.stdout).toContain('ES91 2100 0418 4502 0005 1332');
  });

  it('an invalid IBAN fails with one line and changes nothing', async () => {
    const run = await cli(['accounts', 'create', '--company', 'Otra SA', '--name', 'Mal', '--iban', 'ES00 2100 0418 4502 0005 1332', '--currency', 'EUR', '--db', db, '--json']);
    expectOneLineFailure(run, 1, /IBAN/);
    const other = json<Company[]>(await cli(['companies', 'list', '--db', db, '--json'])).find((c) => c.name === 'Otra SA');
    expect(json<BankAccount[]>(await cli(['accounts', 'list', '--company', 'Otra SA', '--db', db, '--json']))).toEqual([]);
    expect(other).toBeDefined();
  });

  it('an unknown company fails with one line', async () => {
    expectOneLineFailure(await cli(['accounts', 'list', '--company', 'Nadie', '--db', db, '--json']), 1, /no company called "Nadie"/);
  });

  it('a file that is not a Cuadra database is refused with one line', async () => {
    expectOneLineFailure(await cli(['companies', 'list', '--db', join(repoRoot, 'package.json')]), 1, /not a Cuadra database/);
  });
});

describe('cuadra users create', () => {
  const password = 'Correct-Horse-Battery-9';

  it('reads the password from CUADRA_PASSWORD and never shows it, even with --verbose', async () => {
    const run = await cli(['users', 'create', '--username', 'ana', '--display-name', 'Ana López', '--role', 'reviewer', '--db', db, '--json', '--verbose'], {
      env: { CUADRA_PASSWORD: password },
    });
    const user = json<User>(run);
    expect(user).toMatchObject({ username: 'ana', displayName: 'Ana López', role: 'reviewer', active: true });
    expect(run.stderr).not.toBe(''); // --verbose logs something …
    expect(run.stdout + run.stderr).not.toContain(password); // … but never the password
    expect(filesContaining(home, password)).toEqual([]);
  });

  it('reads the password from stdin with --password-stdin', async () => {
    const run = await cli(['users', 'create', '--username', 'luis', '--display-name', 'Luis', '--role', 'preparer', '--password-stdin', '--db', db, '--json'], {
      stdin: `${password}-2\n`,
    });
    expect(json<User>(run)).toMatchObject({ username: 'luis', role: 'preparer' });
    expect(run.stdout + run.stderr).not.toContain(password);
    expect(filesContaining(home, password)).toEqual([]);
  });

  it('without a password, or with an unknown role, exits 2', async () => {
    expectOneLineFailure(await cli(['users', 'create', '--username', 'eva', '--display-name', 'Eva', '--role', 'admin', '--db', db]), 2, /CUADRA_PASSWORD/);
    expectOneLineFailure(
      await cli(['users', 'create', '--username', 'eva', '--display-name', 'Eva', '--role', 'boss', '--db', db], { env: { CUADRA_PASSWORD: password } }),
      2,
      /--role must be one of admin, preparer, reviewer/,
    );
  });
});

describe('cuadra default database', () => {
  it('uses <data dir>/cuadra.db and writes no log files', async () => {
    const run = await cli(['companies', 'list', '--json']);
    expect(json<Company[]>(run)).toEqual([]);
    const dataDir = join(home, 'data', 'cuadra');
    expect(existsSync(join(dataDir, 'cuadra.db'))).toBe(true);
    expect(listFiles(dataDir).filter((f) => !/cuadra\.db(-wal|-shm)?$/.test(f))).toEqual([]);
  });
});

describe('cuadra paths and unexpected errors', () => {
  it('resolves a relative --db against the folder `npm run cuadra` was started from', async () => {
    const run = await cli(['companies', 'create', '--name', 'Relativa', '--db', 'relative.db', '--json'], {
      env: { npm_lifecycle_event: 'cuadra', INIT_CWD: home },
    });
    expect(json<Company>(run).name).toBe('Relativa');
    expect(existsSync(join(home, 'relative.db'))).toBe(true);
    expect(existsSync(join(repoRoot, 'relative.db'))).toBe(false);
  });

  it('an internal error ends with one reason line and no stack unless --verbose', async () => {
    const broken = join(home, 'broken.db');
    json<Company>(await cli(['companies', 'create', '--name', 'Rota', '--db', broken, '--json']));
    const sqlite = new BetterSqlite3(broken);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.exec('DROP TABLE bank_accounts');
    sqlite.close();

    const run = await cli(['accounts', 'list', '--company', 'Rota', '--db', broken, '--json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^cuadra: .*rerun with --verbose/);
    expect(run.stderr).not.toMatch(/\s+at /);

    const verbose = await cli(['accounts', 'list', '--company', 'Rota', '--db', broken, '--verbose']);
    expect(verbose.status).toBe(1);
    const verboseLines = verbose.stderr.trimEnd().split('\n');
    expect(verboseLines.at(-1)).toMatch(/^cuadra: .*log lines above/);
    // The details (with the stack) are in the JSON log lines, each on one line.
    const logs = verboseLines.slice(0, -1).map((line) => JSON.parse(line) as { level: number; err?: { stack?: string } });
    expect(logs.some((l) => l.level >= 50 && typeof l.err?.stack === 'string')).toBe(true);
  });
});
