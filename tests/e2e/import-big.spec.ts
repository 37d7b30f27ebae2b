import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { dataTransferOf, dragOnWindow, type DropFile } from './support/import-files.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

// A year of a busy account in one export: the import shows its progress and can be cancelled
// without leaving a line behind; imported, its 60,000 lines scroll in the account view with only
// the rows on screen rendered.
const LINES = 60_000;
const shots = 'tests/artifacts/import/big';

let serve: ServeProcess;
let context: BrowserContext;
let page: Page;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true });
  serve = await startServe();
  context = await browser.newContext({ locale: 'en-US' });
  page = await context.newPage();
});
test.afterAll(async () => {
  await context?.close();
  await serve?.stop();
});

/** The canonical bank CSV with `count` movements and a running balance that adds up. */
function bigStatement(count: number): DropFile {
  const rows = ['id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance'];
  let cents = 10_000_000;
  for (let i = 1; i <= count; i++) {
    const amount = ((i % 7) - 3) * 1337;
    cents += amount;
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 200))).toISOString().slice(0, 10);
    rows.push(`B${i},${day},${day},${(amount / 100).toFixed(2)},EUR,MOVIMIENTO ${String(i).padStart(5, '0')} TRANSFERENCIA,,,R${i},,${(cents / 100).toFixed(2)}`);
  }
  return { name: 'movimientos-2024.csv', type: 'text/csv', base64: Buffer.from(rows.join('\n')).toString('base64') };
}

test('a big file imports with a progress bar, is cancelled without leaving anything, then imports whole', async () => {
  test.setTimeout(240_000);
  await page.goto(serve.url);
  await page.getByLabel('Firm name').fill('Asesoría Martín');
  await page.getByLabel('Username').fill('marta');
  await page.getByLabel('Display name').fill('Marta Martín');
  await page.getByLabel('Password', { exact: true }).fill('cuadra-segura-2025');
  await page.getByLabel('Repeat password').fill('cuadra-segura-2025');
  await page.getByRole('button', { name: 'Create firm and log in' }).click();
  await page.getByRole('button', { name: /New company|Create the first company/ }).first().click();
  await page.getByLabel('Company name').fill('Transportes Ribera SL');
  await page.getByRole('button', { name: 'Create company' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: /New account|Add the first account/ }).first().click();
  await page.getByLabel('Account name').fill('Operaciones');
  await page.getByLabel(/^Currency/).fill('EUR');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('row', { name: /Operaciones/ })).toBeVisible();

  const file = bigStatement(LINES);
  await dragOnWindow(page, 'drop', await dataTransferOf(page, [file]));
  const card = page.getByRole('listitem', { name: file.name });
  await expect(card.locator('.badge')).not.toHaveText(/…/, { timeout: 120_000 });
  await card.getByLabel('Account').selectOption({ label: 'Operaciones · EUR' });
  await expect(card.locator('.badge')).toHaveText('Ready');

  await page.getByRole('button', { name: /^Import all/ }).click();
  await expect(card.getByRole('progressbar', { name: `Importing ${file.name}` })).toBeVisible();
  await page.screenshot({ path: `${shots}/01-progress.png` });
  await page.getByRole('region', { name: 'Import progress' }).getByRole('button', { name: 'Cancel' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Import cancelled', { timeout: 120_000 });
  await expect(card.locator('.badge')).toHaveText('Cancelled');
  await page.screenshot({ path: `${shots}/02-cancelled.png` });

  // Nothing was left behind: the account has no lines.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Operaciones', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'No bank lines yet' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox' }).click();
  await page.getByRole('button', { name: /^Import all/ }).click();
  await expect(summary).toContainText('Import finished', { timeout: 200_000 });
  await summary.getByRole('button', { name: 'Open Operaciones' }).click();
  await expect(page.getByTestId('key-figures')).toHaveText('60,000 lines');
  const table = page.getByRole('table', { name: 'Bank lines of Operaciones' });
  await expect(table).toHaveAttribute('aria-rowcount', String(LINES + 1));
  await page.getByTestId('virtual-table').evaluate((node) => {
    node.scrollTop = 30_000 * 32;
  });
  await expect(table).toContainText(/MOVIMIENTO (29|30)\d{3}/);
  // Only the rows in view (and a margin) are in the page, never the 60,000.
  expect(await table.getByRole('row').count()).toBeLessThan(80);
  await page.screenshot({ path: `${shots}/03-scrolled.png` });
});
