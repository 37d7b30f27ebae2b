/**
 * A real PDF: the print view through headless Chromium (/usr/bin/chromium or $CHROMIUM_PATH),
 * read back with poppler's pdftotext. Both tools are required: CI installs them, and a missing
 * one fails the test with the command to install it rather than skipping. Also the ways the
 * conversion can go wrong (no Chromium, a failure exit, a hang) with a stand-in Chromium, and
 * that every run leaves no temp files and no process behind.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconciliationReportSchema, type ReconciliationReport } from '../../main/core/contract/match-schemas.js';
import { exportReport } from '../../main/core/reports/export.js';
import { htmlToPdfWithChromium } from '../../main/core/reports/pdf-chromium.js';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const report: ReconciliationReport = reconciliationReportSchema.parse({
  accountId: 3,
  accountName: 'Cuenta principal Santander',
  iban: 'ES9121000418450200051332',
  currency: 'EUR',
  to: '2025-01-31',
  statementBalanceMinor: 1_523_456,
  statementBalanceDate: '2025-01-31',
  booksBalanceMinor: 1_400_000,
  outstandingBank: [
    { id: 11, externalId: 'N43-0001', date: '2025-01-28', amountMinor: -1250, description: 'COMISION MANTENIMIENTO', ageDays: 3 },
    { id: 12, externalId: null, date: '2024-09-02', amountMinor: 123_456, description: 'TRANSFERENCIA <ACME> & CIA', ageDays: 151 },
  ],
  outstandingBooks: [
    { id: 21, externalId: 'CH-123', date: '2025-01-30', amountMinor: -20_000, description: 'Cheque 123 a Proveedor, S.L.', ageDays: 1 },
  ],
  outstandingBankTotalMinor: 122_206,
  outstandingBooksTotalMinor: -20_000,
  unexplainedMinor: -18_750,
  lockedThrough: null,
  generatedAt: '2025-02-01T10:15:00Z',
});

function requireTool(path: string, install: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`The PDF test needs ${path}: install it with \`${install}\` (CI does), or set CHROMIUM_PATH for Chromium`);
  }
}

/** Processes whose command line mentions `text` and that are not zombies. */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /\) (\S)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (cmdline.includes(text) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    return !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cuadra-pdf-test-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A folder for the converter's own temp folder, and a check that it was left empty. */
function tempParent(): { dir: string; expectEmpty(): void } {
  const dir = join(work, 'parent');
  mkdirSync(dir);
  return { dir, expectEmpty: () => expect(readdirSync(dir)).toEqual([]) };
}

async function pdfText(pdf: Uint8Array): Promise<string> {
  const file = join(work, 'report.pdf');
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return stdout.replace(/[ \t]+/g, ' ');
}

describe('PDF through headless Chromium', () => {
  it('prints the proof, the totals and the unexplained amount (es and en)', async () => {
    requireTool(CHROMIUM, 'apt-get install -y chromium');
    requireTool('/usr/bin/pdftotext', 'apt-get install -y poppler-utils');
    const parent = tempParent();
    const html = new TextDecoder().decode((await exportReport(report, { format: 'html', locale: 'es', firmName: 'Asesoría Pérez', companyName: 'Talleres García S.L.' })).bytes);
    const pdf = await htmlToPdfWithChromium(html, { chromiumPath: CHROMIUM, tempParent: parent.dir, timeoutMs: 12_000 });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const es = await pdfText(pdf);
    expect(es).toContain('Informe de conciliación bancaria');
    expect(es).toContain('Talleres García S.L.');
    expect(es).toContain('ES91 2100 0418 4502 0005 1332');
    expect(es).toMatch(/Saldo según extracto \(31\/01\/2025\) 15\.234,56 EUR/);
    expect(es).toMatch(/Menos partidas pendientes del banco 1\.222,06 EUR/);
    expect(es).toMatch(/Más partidas pendientes de contabilidad -200,00 EUR/);
    expect(es).toMatch(/Saldo según contabilidad 14\.000,00 EUR/);
    expect(es).toMatch(/Sin explicar -187,50 EUR/);
    expect(es).toContain('#12 TRANSFERENCIA <ACME> & CIA 1.234,56 EUR 151');
    expect(es).toContain('Generado por Cuadra el 01/02/2025 10:15 UTC');
    // The running footer (page margin boxes): account, date and page number.
    expect(es).toMatch(/Cuenta principal Santander · 31\/01\/2025 +1 ?\/ ?1/);
    parent.expectEmpty();
    expect(processesMentioning(parent.dir)).toEqual([]);

    const enHtml = new TextDecoder().decode((await exportReport(report, { format: 'html', locale: 'en' })).bytes);
    const en = await pdfText(await htmlToPdfWithChromium(enHtml, { chromiumPath: CHROMIUM, tempParent: parent.dir, timeoutMs: 12_000 }));
    expect(en).toMatch(/Statement balance \(31 Jan 2025\) 15,234\.56 EUR/);
    expect(en).toMatch(/Unexplained -187\.50 EUR/);
    expect(en).toMatch(/Total 1,222\.06 EUR/);
    parent.expectEmpty();
    expect(processesMentioning(parent.dir)).toEqual([]);
  }, 15_000);

  it('says where it looked when Chromium is missing', async () => {
    const parent = tempParent();
    await expect(htmlToPdfWithChromium('<p>x</p>', { chromiumPath: join(work, 'no-chromium'), tempParent: parent.dir }))
      .rejects.toThrow(/Chromium not found .*no-chromium.*CHROMIUM_PATH/);
    parent.expectEmpty();
  });

  it('reports a failure exit and a run that writes no PDF, cleaning up after both', async () => {
    const parent = tempParent();
    const failing = join(work, 'failing-chromium');
    writeFileSync(failing, '#!/bin/sh\necho "cannot open display" >&2\nexit 3\n', { mode: 0o755 });
    await expect(htmlToPdfWithChromium('<p>x</p>', { chromiumPath: failing, tempParent: parent.dir }))
      .rejects.toThrow(/failed \(exit code 3\): cannot open display/);
    const silent = join(work, 'silent-chromium');
    writeFileSync(silent, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await expect(htmlToPdfWithChromium('<p>x</p>', { chromiumPath: silent, tempParent: parent.dir }))
      .rejects.toThrow(/exited without writing the PDF/);
    parent.expectEmpty();
  });

  it('stops a Chromium that hangs, with its helpers, after the timeout', async () => {
    const parent = tempParent();
    const hanging = join(work, 'hanging-chromium');
    const pids = join(work, 'pids');
    // The browser and a helper it started, like Chromium's zygote: both must be stopped.
    writeFileSync(hanging, `#!/bin/sh\nsleep 30 &\necho "$$ $!" > '${pids}'\nwait\n`, { mode: 0o755 });
    const started = Date.now();
    await expect(htmlToPdfWithChromium('<p>x</p>', { chromiumPath: hanging, tempParent: parent.dir, timeoutMs: 800 }))
      .rejects.toThrow(/did not finish printing the PDF within 800 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(pids)).toBe(true);
    const [browser, helper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    await expect.poll(() => [isAlive(browser ?? 0), isAlive(helper ?? 0)], { timeout: 2000 }).toEqual([false, false]);
    parent.expectEmpty();
  });
});
