import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { dataTransferOf, dragOnWindow } from './support/import-files.js';
import { BANK_FILE, INVOICES_FILE, LEDGER_FILE, MONTH_END, monthFiles } from './support/month-files.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

// The whole month of one client company, in English: the firm is set up on the first run, the
// month's bank statement, open invoices and bank ledger are dropped on the window, reconciliation
// runs from the Review screen, the accountant decides with the keyboard only (j/k, a, r, u, m),
// matches a payment by hand against two invoices less a bank fee, approves a band after its spot
// check, proves the balance in the report (on screen, in CSV and in PDF), locks the month, sees
// the lock refuse a decision, and finds every decision in the audit log.
// The data and the outcome it gives are described in support/month-files.ts.

const COMPANY = 'Talleres Martín SL';
const ACCOUNT = 'CaixaBank cuenta corriente';
const IBAN = 'ES91 2100 0418 4502 0005 1332';
const USER = 'marta';
const SHOTS = 'tests/artifacts/month';

test.describe.configure({ mode: 'serial' });

let serve: ServeProcess;
let context: BrowserContext;
// One tab for the whole month: a new context would be a new tab without the session.
let page: Page;

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  serve = await startServe();
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Madrid', acceptDownloads: true });
  // A missing element fails the step in seconds rather than at the end of the spec.
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});
test.afterAll(async () => {
  await context?.close();
  await serve?.stop();
});

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
};
const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const toasts = (): Locator => page.getByTestId('toasts');
/** Receipts would sit on every screenshot: dismiss them as a person would (one may expire meanwhile). */
const dismissToasts = async (): Promise<void> => {
  const buttons = toasts().getByRole('button', { name: 'Dismiss' });
  while ((await buttons.count()) > 0) await buttons.first().click({ timeout: 2_000 }).catch(() => undefined);
};
const card = (fileName: string): Locator => page.getByRole('listitem', { name: fileName });
const queue = (name: string): Locator => page.getByRole('listbox', { name });
const option = (list: Locator, text: string): Locator => list.getByRole('option').filter({ hasText: text });
const detail = (): Locator => page.getByRole('region', { name: 'Selected proposal' });

test('first run sets up the firm, then a company and its bank account', async () => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Set up Cuadra' })).toBeVisible();
  await page.getByLabel('Firm name').fill('Asesoría Martín');
  await page.getByLabel('Username').fill(USER);
  await page.getByLabel('Display name').fill('Marta Martín');
  await page.getByLabel('Password', { exact: true }).fill('cuadra-segura-2025');
  await page.getByLabel('Repeat password').fill('cuadra-segura-2025');
  await shot('01-first-run');
  await page.getByRole('button', { name: 'Create firm and log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Firm' }).getByRole('button', { name: 'Companies' }).click();
  await page.getByRole('button', { name: /New company|Create the first company/ }).first().click();
  await page.getByLabel('Company name').fill(COMPANY);
  await page.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('row', { name: new RegExp(COMPANY) })).toBeVisible();
  await dismissToasts();
  await shot('02-companies');

  await nav('Accounts');
  await page.getByRole('button', { name: /New account|Add the first account/ }).first().click();
  await page.getByLabel('Account name').fill(ACCOUNT);
  await page.getByLabel(/^IBAN/).fill(IBAN);
  await page.getByLabel(/^Currency/).fill('EUR');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('row', { name: new RegExp(IBAN) })).toBeVisible();
  await dismissToasts();
});

test('the bank statement, the open invoices and the bank ledger are dropped and imported', async () => {
  await nav('Inbox');
  const transfer = await dataTransferOf(page, monthFiles());
  await dragOnWindow(page, 'dragenter', transfer);
  await dragOnWindow(page, 'dragover', transfer);
  await dragOnWindow(page, 'drop', transfer);
  await expect(page.getByTestId('inbox-file')).toHaveCount(3);
  await expect(page.getByTestId('inbox-file').locator('.badge').filter({ hasText: '…' })).toHaveCount(0, { timeout: 30_000 });

  // The statement names no account: it goes to the one just created.
  await card(BANK_FILE).getByRole('radio', { name: 'Bank statement' }).check();
  await card(BANK_FILE).getByLabel('Account').selectOption({ label: `${ACCOUNT} · EUR` });
  // The invoices are the company's open items; the ledger file is the bank account's ledger.
  await card(INVOICES_FILE).getByRole('radio', { name: 'Books' }).check();
  await expect(card(INVOICES_FILE).getByLabel('Goes to')).toHaveValue('');
  await card(LEDGER_FILE).getByRole('radio', { name: 'Books' }).check();
  await card(LEDGER_FILE).getByLabel('Goes to').selectOption({ label: `Ledger of ${ACCOUNT} · EUR` });
  for (const name of [BANK_FILE, INVOICES_FILE, LEDGER_FILE]) await expect(card(name).locator('.badge')).toHaveText('Ready');
  await shot('03-inbox-ready');

  await page.getByRole('button', { name: /^Import all/ }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Import finished', { timeout: 30_000 });
  await expect(card(BANK_FILE)).toContainText('13 lines added');
  await expect(card(INVOICES_FILE)).toContainText('4 new items');
  await expect(card(LEDGER_FILE)).toContainText('13 new items');
  await dismissToasts();
  await shot('04-inbox-imported');
});

test('reconciliation runs from the Review screen: seven auto-approved, four to review, two unmatched', async () => {
  await nav('Review');
  await expect(page.getByRole('heading', { name: 'No proposals yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Run reconciliation' }).click();
  const run = page.getByRole('region', { name: 'Reconciliation' });
  await expect(run.getByRole('status')).toHaveText(
    'Reconciliation done: 11 proposals, 7 auto-approved, 4 to review, 2 lines unmatched.', { timeout: 30_000 });
  await expect(page.getByTestId('key-figures')).toHaveText('4 pending · 7 auto-approved · 2 unmatched');
  await run.getByRole('button', { name: 'Dismiss' }).click();
  await expect(queue('Proposals pending review').getByRole('option')).toHaveCount(4);
});

test('keyboard only: j/k move, a approves, r rejects, u undoes and the proposal is back', async () => {
  const pending = queue('Proposals pending review');
  const payroll = option(pending, 'TRANSFERENCIA NOMINA MARZO');
  const martinez = option(pending, 'TRANSFERENCIA MARTINEZ E HIJOS');
  // Largest amount first: the payroll (2,100.00), Martínez (1,178.50), the cash deposit, Papelería Sol.
  await expect(pending.getByRole('option').first()).toContainText('TRANSFERENCIA NOMINA MARZO');
  await pending.focus();
  await expect(payroll).toHaveAttribute('aria-selected', 'true');
  await expect(detail().getByTestId('side-books')).toContainText('Nóminas marzo');
  await page.keyboard.press('j');
  await expect(martinez).toHaveAttribute('aria-selected', 'true');
  await expect(detail().getByTestId('side-books')).toContainText('Martínez e Hijos S.L.');
  await expect(detail().getByTestId('difference')).toContainText('EUR 1.50');
  await expect(detail().getByTestId('difference')).toContainText('bank fee');
  await shot('05-review-queue');
  await page.keyboard.press('k');
  await expect(payroll).toHaveAttribute('aria-selected', 'true');

  // A decided proposal leaves the pending queue; the selection moves on to the next one.
  await page.keyboard.press('a');
  await expect(toasts()).toContainText('Approved: TRANSFERENCIA NOMINA MARZO');
  await expect(page.getByTestId('key-figures')).toHaveText('3 pending · 7 auto-approved · 2 unmatched');
  await expect(payroll).toHaveCount(0);
  await expect(martinez).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('r');
  await expect(toasts()).toContainText('Rejected: MARTINEZ E HIJOS');
  // Rejected, its bank line has no match any more.
  await expect(page.getByTestId('key-figures')).toHaveText('2 pending · 7 auto-approved · 3 unmatched');
  await expect(martinez).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^Rejected/ })).toHaveText('Rejected1');

  await page.keyboard.press('u');
  await expect(page.getByTestId('review-announcement')).toHaveText('Decision undone.');
  await expect(martinez).toContainText('Pending');
  await expect(page.getByRole('tab', { name: /^Rejected/ })).toHaveText('Rejected0');
  await expect(page.getByTestId('key-figures')).toHaveText('3 pending · 7 auto-approved · 2 unmatched');

  // Papelería Sol paid 300.00 once; the ledger has two such receipts: a tie a person must break.
  await page.keyboard.press('End');
  const tie = option(pending, 'TRANSFERENCIA PAPELERIA SOL');
  await expect(tie).toHaveAttribute('aria-selected', 'true');
  await expect(detail()).toContainText('tie: a person must choose');
  await expect(detail().getByRole('heading', { name: '1 alternative' })).toBeVisible();
  await expect(detail().getByTestId('alternative')).toContainText('Papelería Sol S.L.');
  await expect(detail().getByTestId('alternative')).toContainText('EUR 300.00');
  await expect(detail().getByRole('button', { name: 'Choose alternative 1' })).toBeEnabled();
  await dismissToasts();
  await shot('06-review-tie');

  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Approve the selected proposal');
  await expect(shortcuts).toContainText('Match the selected bank line by hand');
  await shot('07-shortcuts');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});

test('a payment of two invoices less a 5.00 fee is matched by hand (m, search, two items, fee, rule)', async () => {
  await page.getByRole('tab', { name: /^Unmatched lines/ }).click();
  const lines = queue('Bank lines without a match');
  await expect(lines.getByRole('option')).toHaveCount(2);
  await expect(option(lines, 'COMISION MANTENIMIENTO')).toContainText('bank charge');
  // Oldest first: the payment from NORDHANDEL AG, selected as the list opens.
  const nordhandel = option(lines, 'NORDHANDEL AG');
  await expect(lines.getByRole('option').first()).toContainText('NORDHANDEL AG');
  await lines.focus();
  await expect(nordhandel).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('m');

  const dialog = page.getByRole('dialog', { name: 'Match by hand' });
  await expect(dialog.getByRole('list', { name: 'Bank lines in this match' })).toContainText('TRANSF INTERNACIONAL NORDHANDEL AG PAGO FACTURAS');
  await dialog.getByRole('searchbox', { name: 'Text' }).fill('Comercial Norte');
  const found = dialog.getByRole('table', { name: 'Books items found' });
  await expect(found.getByTestId('manual-result')).toHaveCount(2);
  await dialog.getByRole('checkbox', { name: 'Add FV-2025-0120' }).check();
  await dialog.getByRole('checkbox', { name: 'Add FV-2025-0121' }).check();
  await expect(dialog.getByRole('list', { name: 'Books items in this match' }).getByRole('listitem')).toHaveCount(2);
  // The builder gives the second invoice only what the payment leaves (a partial payment)...
  const second = dialog.getByRole('textbox', { name: 'Amount for FV-2025-0121' });
  await expect(second).toHaveValue('1195.00');
  await expect(dialog.getByTestId('manual-difference')).toContainText('balanced');
  // ...but both invoices are paid in full: the 5.00 short is the bank's fee.
  await second.fill('1200.00');
  await second.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Amount for FV-2025-0121' })).toHaveValue('1200.00');
  await expect(dialog.getByTestId('manual-difference')).toContainText('-EUR 5.00');
  await expect(dialog.getByText('Choose how to book the difference, or add items until it is zero.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create match' })).toBeDisabled();
  await dialog.getByRole('radio', { name: 'bank fee' }).check();
  await dialog.getByRole('checkbox', { name: 'Save as a rule for next time' }).check();
  await expect(dialog.getByLabel('When the bank text contains')).toHaveValue('NORDHANDEL AG');
  await expect(dialog.getByLabel('the counterparty is')).toHaveValue('Comercial Norte S.L.');
  await shot('08-manual-match');
  await dialog.getByRole('button', { name: 'Create match' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(toasts()).toContainText('Manual match created: NORDHANDEL AG');
  await expect(lines.getByRole('option')).toHaveCount(1);
  await expect(page.getByTestId('key-figures')).toHaveText('3 pending · 7 auto-approved · 1 unmatched');
});

test('the high band is approved after its spot-check sample', async () => {
  await page.getByRole('tab', { name: /^Pending/ }).click();
  await dismissToasts();
  await page.getByRole('button', { name: 'Approve band' }).click();
  const band = page.getByRole('dialog', { name: 'Approve band: High confidence' });
  await expect(band).toContainText('3 proposals wait in this band. Check this random sample of 3');
  const sample = band.getByRole('table', { name: 'Random sample' });
  await expect(sample.getByTestId('band-sample-row')).toHaveCount(3);
  for (const text of ['TRANSFERENCIA MARTINEZ E HIJOS', 'INGRESO EFECTIVO CAJERO 4471', 'TRANSFERENCIA PAPELERIA SOL']) {
    await expect(sample.getByTestId('band-sample-row').filter({ hasText: text })).toContainText('Pending');
  }
  await shot('09-band-sample');
  await band.getByRole('button', { name: 'Approve all 3' }).click();
  await expect(band).toHaveCount(0);
  await expect(toasts()).toContainText('Approved from the band: 3.');
  await expect(page.getByRole('heading', { name: 'Nothing waits for review' })).toBeVisible();
  await expect(page.getByTestId('key-figures')).toHaveText('0 pending · 7 auto-approved · 1 unmatched');
  // The payroll, the band's three and the manual match.
  await expect(page.getByRole('tab', { name: /^Approved/ })).toHaveText('Approved5');
  await dismissToasts();
});

test('the accounts dashboard and the account overview show the proof', async () => {
  await nav('Accounts');
  const row = page.getByRole('row', { name: new RegExp(ACCOUNT) });
  await expect(row).toContainText('EUR 2,993.50');
  await expect(row).toContainText('Difference');
  await shot('10-accounts-dashboard');
  await row.getByRole('button', { name: `Overview of ${ACCOUNT}` }).click();
  const overview = page.getByRole('region', { name: `Overview of ${ACCOUNT}` });
  await expect(overview).toContainText('Bank balanceEUR 15,587.10');
  await expect(overview).toContainText('Books balanceEUR 12,456.10');
  await expect(overview).toContainText('UnexplainedEUR 2,993.50');
  const counts = overview.getByRole('table', { name: 'Bank lines by status' });
  await expect(counts.getByRole('row', { name: /Matched/ })).toContainText('12');
  await expect(counts.getByRole('row', { name: /Unmatched/ })).toContainText('1');
  await shot('11-account-overview');
});

test('the report at the month end proves the balance on screen, in CSV, in PDF and in the print view', async () => {
  await nav('Reports');
  await page.getByLabel('Account').selectOption({ label: `${ACCOUNT} · EUR` });
  await page.getByLabel('As of').fill(MONTH_END);
  const proof = page.getByRole('table', { name: 'How the outstanding items explain the difference between bank and books at Mar 31, 2025' });
  await expect(proof.getByRole('row', { name: /Bank balance per statement/ })).toContainText('EUR 15,587.10');
  await expect(proof.getByRole('row', { name: /Less: balance in the books/ })).toContainText('EUR 12,456.10');
  await expect(proof.getByRole('row', { name: /Less: bank lines not yet in the books \(1\)/ })).toContainText('-EUR 12.50');
  await expect(proof.getByRole('row', { name: /Plus: book entries not yet on the statement \(2\)/ })).toContainText('-EUR 150.00');
  const unexplained = proof.getByTestId('proof-result');
  await expect(unexplained).toContainText('Unexplained');
  await expect(unexplained).toContainText('EUR 2,993.50');
  await expect(page.getByTestId('proof-line')).toHaveText('EUR 15,587.10 − EUR 12,456.10 − -EUR 12.50 + -EUR 150.00 = EUR 2,993.50');
  await expect(page.getByTestId('unexplained-note')).toContainText('The outstanding items leave EUR 2,993.50 unexplained.');
  const bankOut = page.getByRole('table', { name: 'Bank lines not yet in the books' });
  await expect(bankOut.getByRole('row', { name: /COMISION MANTENIMIENTO/ })).toContainText('-EUR 12.50');
  const booksOut = page.getByRole('table', { name: 'Book entries not yet on the statement' });
  await expect(booksOut.getByRole('row', { name: /Cobro factura FV-2025-0111/ })).toContainText('EUR 300.00');
  await expect(booksOut.getByRole('row', { name: /=Cheque 0012 Papelería Sol/ })).toContainText('-EUR 450.00');
  await shot('12-report');

  // CSV: the same totals, and the cheque's text cannot run as a formula in a spreadsheet.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  expect(csv).toMatch(/^Statement balance,15587\.10,/m);
  expect(csv).toMatch(/^Books balance,12456\.10,/m);
  expect(csv).toMatch(/^Outstanding bank items total,-12\.50,/m);
  expect(csv).toMatch(/^Outstanding books items total,-150\.00,/m);
  expect(csv).toMatch(/^Unexplained,2993\.50,/m);
  expect(csv).toMatch(/^bank,\d+,B11,2025-03-28,-12\.50,3,COMISION MANTENIMIENTO\r$/m);
  expect(csv).toMatch(/^books,\d+,L13,2025-03-27,-450\.00,4,'=Cheque 0012 Papelería Sol\r$/m);
  expect(csv).not.toMatch(/(^|,)"?=/m);

  // PDF: printed by the core's Chromium; its text carries the same totals.
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = `${SHOTS}/report.pdf`;
  await pdfDownload.saveAs(pdfPath);
  const pdf = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(pdf).toContain('Bank reconciliation report');
  expect(pdf).toMatch(/Statement balance \(28 Mar 2025\)\s+15,587\.10 EUR/);
  expect(pdf).toMatch(/Less outstanding bank items\s+-12\.50 EUR/);
  expect(pdf).toMatch(/Plus outstanding books items\s+-150\.00 EUR/);
  expect(pdf).toMatch(/Adjusted statement balance\s+15,449\.60 EUR/);
  expect(pdf).toMatch(/Books balance\s+12,456\.10 EUR/);
  expect(pdf).toMatch(/Unexplained\s+2,993\.50 EUR/);
  expect(pdf).toMatch(/B11\s+COMISION MANTENIMIENTO\s+-12\.50 EUR\s+3/);
  expect(pdf).toMatch(/L13\s+=Cheque 0012 Papelería Sol\s+-450\.00 EUR\s+4/);

  await page.getByRole('button', { name: 'Print view' }).click();
  const print = page.getByRole('dialog', { name: 'Reconciliation report' });
  await expect(print).toContainText(`${ACCOUNT} at Mar 31, 2025`);
  await expect(print.getByTestId('proof-result')).toContainText('EUR 2,993.50');
  await expect(print).toContainText('Reviewed by');
  await shot('13-print-view');
  await print.getByRole('button', { name: 'Close print view' }).click();
  await expect(print).toHaveCount(0);
});

test('the administrator locks the month after confirming', async () => {
  await page.getByRole('button', { name: 'Lock period through Mar 31, 2025' }).click();
  const confirm = page.getByRole('dialog', { name: `Lock ${ACCOUNT} through Mar 31, 2025?` });
  await expect(confirm).toContainText('Decisions on bank lines dated on or before Mar 31, 2025 will be refused');
  await expect(confirm).toContainText('The report still shows an unexplained difference of EUR 2,993.50.');
  await shot('14-lock-confirm');
  await confirm.getByRole('button', { name: 'Lock period', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(toasts()).toContainText(`${ACCOUNT} locked through Mar 31, 2025.`);
  await expect(page.getByTestId('lock-state')).toContainText(`Locked through Mar 31, 2025 by ${USER}`);
  await expect(page.getByRole('button', { name: `Unlock the period of ${ACCOUNT}` })).toBeVisible();
  await dismissToasts();
  await shot('15-report-locked');
});

test('back in Review, a decision inside the locked month is refused', async () => {
  await nav('Review');
  await page.getByRole('tab', { name: /^Auto-approved/ }).click();
  const auto = queue('Auto-approved matches');
  await expect(auto.getByRole('option')).toHaveCount(7);
  const first = auto.getByRole('option').first();
  await auto.focus();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('r');
  await expect(toasts()).toContainText(`This period is locked: The period of account "${ACCOUNT}" is locked through 2025-03-31`);
  await expect(first).toContainText('Auto-approved');
  await expect(page.getByTestId('key-figures')).toHaveText('0 pending · 7 auto-approved · 1 unmatched');
  await shot('16-review-locked');
  await dismissToasts();
});

test('rules show the rule saved with the manual match and the aliases approvals taught', async () => {
  await nav('Rules');
  await expect(page.getByTestId('key-figures')).toHaveText('3 rules and aliases · 0 rejected pairs');
  const aliases = page.getByRole('table', { name: 'Bank texts and the counterparty Cuadra reads in them' });
  const rule = aliases.getByRole('row', { name: /NORDHANDEL AG/ });
  await expect(rule).toContainText('Comercial Norte S.L.');
  await expect(rule).toContainText('B87654323');
  await expect(rule).toContainText('Rule');
  await expect(aliases.getByRole('row', { name: /MARTINEZ E HIJOS/ })).toContainText('Learned');
  await expect(aliases.getByRole('row', { name: /PAPELERIA SOL SL/ })).toContainText('Learned');
  // The rejection was undone, so no rejected pair is kept.
  await expect(page.getByText('No rejected pairs.')).toBeVisible();
  await shot('17-rules');
});

test('settings show the language, the theme and the company’s matching settings', async () => {
  await nav('Settings');
  await expect(page.getByLabel('Language')).toHaveValue('en');
  await expect(page.getByRole('heading', { name: 'Matching' })).toBeVisible();
  await expect(page.getByLabel('Auto-approve threshold (%)')).toHaveValue('95');
  await shot('18-settings');
});

test('the audit log shows the decisions and the lock', async () => {
  await nav('Audit');
  const log = page.getByRole('table', { name: 'Audit' });
  const action = (name: string): Locator => log.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(action('period.lock')).toHaveCount(1);
  await expect(action('period.lock')).toContainText('through: 2025-03-31');
  await expect(action('match.approve')).toHaveCount(4);
  await expect(action('match.reject')).toHaveCount(1);
  await expect(action('match.undo')).toHaveCount(1);
  await expect(action('match.manual')).toHaveCount(1);
  await expect(action('match.auto_approve')).toHaveCount(7);
  await expect(action('reconcile.run')).toHaveCount(1);
  // What the decisions taught: the rule saved with the manual match and two learned aliases.
  await expect(action('rule.create')).toHaveCount(1);
  await expect(action('alias.learn')).toHaveCount(2);
  for (const name of ['match.approve', 'match.reject', 'match.undo', 'match.manual', 'period.lock']) {
    await expect(action(name).first()).toContainText(USER);
  }
  await shot('19-audit');
  await page.getByRole('search', { name: 'Filter the audit log' }).getByLabel('Action or item').fill('match.');
  await expect(action('period.lock')).toHaveCount(0);
  await expect(action('match.manual')).toHaveCount(1);
  await shot('20-audit-filtered');
});
