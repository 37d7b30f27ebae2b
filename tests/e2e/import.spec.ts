import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { bankWorkbook, dataTransferOf, dragOnWindow, fixture } from './support/import-files.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

// A month's files arrive at once: the bank's Norma 43 file, a spreadsheet exported from the
// bank's web site and the books export. The accountant drops all three on the window, fixes
// the spreadsheet's mapping, imports them and looks at the account — in English and in Spanish.
const N43 = 'tests/fixtures/n43/own_two_accounts_cp850.n43';
const BOOKS = 'tests/fixtures/e2e/books.csv';
const ACCOUNT = 'Santander cuenta corriente';
const XLSX_NAME = 'movimientos-marzo.xlsx';

interface Words {
  locale: string;
  setup: { heading: string; firm: string; username: string; name: string; password: string; repeat: string; submit: string };
  nav: string;
  companies: string;
  newCompany: RegExp;
  companyName: string;
  createCompany: string;
  accounts: string;
  newAccount: RegExp;
  accountName: string;
  currency: RegExp;
  addAccount: string;
  dismiss: string;
  inbox: string;
  emptyInbox: string;
  dropTarget: string;
  ready: string;
  map: RegExp;
  mappingTitle: string;
  dates: string;
  roleOf(column: string): string;
  encodingOf(file: string): string;
  balancesOk: string;
  saveProfile: string;
  profileName: string;
  apply: string;
  account: string;
  books: string;
  importAll: RegExp;
  finished: string;
  open: string;
  bankTable: string;
  amount: RegExp;
  search: string;
  booksTab: string;
  booksTable: string;
}

const english: Words = {
  locale: 'en-US',
  setup: { heading: 'Set up Cuadra', firm: 'Firm name', username: 'Username', name: 'Display name', password: 'Password', repeat: 'Repeat password', submit: 'Create firm and log in' },
  nav: 'Main',
  companies: 'Companies',
  newCompany: /New company|Create the first company/,
  companyName: 'Company name',
  createCompany: 'Create company',
  accounts: 'Accounts',
  newAccount: /New account|Add the first account/,
  accountName: 'Account name',
  currency: /^Currency/,
  addAccount: 'Add account',
  dismiss: 'Dismiss',
  inbox: 'Inbox',
  emptyInbox: 'Drop a bank statement here',
  dropTarget: 'Drop files to import',
  ready: 'Ready',
  map: /Map columns|Fix mapping/,
  mappingTitle: `Map the columns of ${XLSX_NAME}`,
  dates: 'Dates',
  roleOf: (column) => `Role of column ${column}`,
  encodingOf: (file) => `Text encoding of ${file}`,
  balancesOk: 'Balances add up',
  saveProfile: 'Save as profile',
  profileName: 'Profile name',
  apply: 'Use this mapping',
  account: 'Account',
  books: 'Books',
  importAll: /^Import all/,
  finished: 'Import finished',
  open: `Open ${ACCOUNT}`,
  bankTable: `Bank lines of ${ACCOUNT}`,
  amount: /^Amount/,
  search: 'Search',
  booksTab: 'Books items',
  booksTable: 'Books items',
};

const spanish: Words = {
  locale: 'es-ES',
  setup: { heading: 'Configurar Cuadra', firm: 'Nombre del despacho', username: 'Usuario', name: 'Nombre visible', password: 'Contraseña', repeat: 'Repita la contraseña', submit: 'Crear despacho y entrar' },
  nav: 'Principal',
  companies: 'Empresas',
  newCompany: /Nueva empresa|Crear la primera empresa/,
  companyName: 'Nombre de la empresa',
  createCompany: 'Crear empresa',
  accounts: 'Cuentas',
  newAccount: /Nueva cuenta|Añadir la primera cuenta/,
  accountName: 'Nombre de la cuenta',
  currency: /^Moneda/,
  addAccount: 'Añadir cuenta',
  dismiss: 'Descartar',
  inbox: 'Entrada',
  emptyInbox: 'Suelte aquí un extracto bancario',
  dropTarget: 'Suelte los archivos para importarlos',
  ready: 'Listo',
  map: /Asignar columnas|Corregir columnas/,
  mappingTitle: `Asignar las columnas de ${XLSX_NAME}`,
  dates: 'Fechas',
  roleOf: (column) => `Contenido de la columna ${column}`,
  encodingOf: (file) => `Codificación del texto de ${file}`,
  balancesOk: 'Los saldos cuadran',
  saveProfile: 'Guardar como perfil',
  profileName: 'Nombre del perfil',
  apply: 'Usar esta asignación',
  account: 'Cuenta',
  books: 'Contabilidad',
  importAll: /^Importar todo/,
  finished: 'Importación terminada',
  open: `Abrir ${ACCOUNT}`,
  bankTable: `Movimientos de ${ACCOUNT}`,
  amount: /^Importe/,
  search: 'Buscar',
  booksTab: 'Partidas contables',
  booksTable: 'Partidas contables',
};

for (const [language, w] of [['en', english], ['es', spanish]] as const) {
  test.describe(`import by drag-and-drop (${language})`, () => {
    test.describe.configure({ mode: 'serial' });
    const shots = `tests/artifacts/import/${language}`;
    let serve: ServeProcess;
    let context: BrowserContext;
    // One tab for the whole flow: a new context would be a new tab without the session.
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      mkdirSync(shots, { recursive: true });
      serve = await startServe();
      context = await browser.newContext({ locale: w.locale });
      page = await context.newPage();
    });
    test.afterAll(async () => {
      await context?.close();
      await serve?.stop();
    });

    const shot = (name: string): Promise<Buffer> => page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
    const card = (fileName: string) => page.getByRole('listitem', { name: fileName });

    test('first run, a company and its bank account', async () => {
      await page.goto(serve.url);
      await expect(page.getByRole('heading', { name: w.setup.heading })).toBeVisible();
      await page.getByLabel(w.setup.firm).fill('Asesoría Martín');
      await page.getByLabel(w.setup.username).fill('marta');
      await page.getByLabel(w.setup.name).fill('Marta Martín');
      await page.getByLabel(w.setup.password, { exact: true }).fill('cuadra-segura-2025');
      await page.getByLabel(w.setup.repeat).fill('cuadra-segura-2025');
      await page.getByRole('button', { name: w.setup.submit }).click();
      await expect(page.getByRole('navigation', { name: w.nav })).toBeVisible();

      await page.getByRole('button', { name: w.companies }).click();
      await page.getByRole('button', { name: w.newCompany }).first().click();
      await page.getByLabel(w.companyName).fill('Cuadra Pruebas SL');
      await page.getByRole('button', { name: w.createCompany }).click();
      await expect(page.getByRole('row', { name: /Cuadra Pruebas SL/ })).toBeVisible();

      await page.getByRole('navigation', { name: w.nav }).getByRole('button', { name: w.accounts }).click();
      await page.getByRole('button', { name: w.newAccount }).first().click();
      await page.getByLabel(w.accountName).fill(ACCOUNT);
      await page.getByLabel(/^IBAN/).fill('ES91 2100 0418 4502 0005 1332');
      await page.getByLabel(w.currency).fill('EUR');
      await page.getByRole('button', { name: w.addAccount }).click();
      await expect(page.getByRole('row', { name: /ES91 2100 0418 4502 0005 1332/ })).toBeVisible();

      // The receipts of the setup would sit on every screenshot: dismiss them as a person would.
      const receipts = page.getByTestId('toasts').getByRole('button', { name: w.dismiss });
      while ((await receipts.count()) > 0) await receipts.first().click();
      await page.getByRole('navigation', { name: w.nav }).getByRole('button', { name: w.inbox }).click();
      await expect(page.getByRole('heading', { level: 2, name: w.emptyInbox })).toBeVisible();
      await shot('01-inbox-empty');
    });

    test('three files dropped at once on the window: a Norma 43 file, a bank XLSX and a books CSV', async () => {
      // Drop from another screen: the drop target covers the whole window and leads to the Inbox.
      await page.getByRole('navigation', { name: w.nav }).getByRole('button', { name: w.accounts }).click();
      const files = [fixture(N43), bankWorkbook(), fixture(BOOKS, 'text/csv')];
      const transfer = await dataTransferOf(page, files);
      await dragOnWindow(page, 'dragenter', transfer);
      await dragOnWindow(page, 'dragover', transfer);
      await expect(page.getByTestId('drop-target')).toContainText(w.dropTarget);
      await shot('02-drop-target');
      await dragOnWindow(page, 'drop', transfer);
      await expect(page.getByTestId('drop-target')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 1, name: w.inbox })).toBeVisible();
      await expect(page.getByTestId('inbox-file')).toHaveCount(3);
      // Every file has been read and checked by the core (no "Checking…" badge left).
      await expect(page.getByTestId('inbox-file').locator('.badge').filter({ hasText: '…' })).toHaveCount(0, { timeout: 30_000 });
      const n43 = card('own_two_accounts_cp850.n43');
      await expect(n43).toContainText('Norma 43');
      // The bank wrote the file in the old MS-DOS code page: choose it so that Ñ and Á read right.
      await n43.getByLabel(w.encodingOf('own_two_accounts_cp850.n43')).selectOption('cp850');
      await expect(n43.locator('.badge')).toHaveText(w.ready);
      await expect(card(XLSX_NAME)).toContainText('XLSX');
      await expect(card('books.csv')).toContainText('CSV');
      await shot('03-inbox-previews');
    });

    test('the spreadsheet’s mapping is fixed on the mapping screen with a live preview', async () => {
      const xlsx = card(XLSX_NAME);
      await xlsx.getByRole('button', { name: w.map }).click();
      const dialog = page.getByRole('dialog', { name: w.mappingTitle });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel(w.dates).selectOption('dmy');
      await dialog.getByLabel(w.roleOf('F. Operación')).selectOption('date');
      await dialog.getByLabel(w.roleOf('Ref.')).selectOption('reference');
      await dialog.getByLabel(w.roleOf('Importe')).selectOption('amount');
      await dialog.getByLabel(w.roleOf('Saldo')).selectOption('balance');
      await expect(dialog.getByTestId('mapping-result')).toContainText(w.balancesOk);
      await dialog.getByLabel(w.saveProfile).check();
      await dialog.getByLabel(w.profileName).fill('Santander web');
      await shot('04-mapping');
      await dialog.getByRole('button', { name: w.apply }).click();
      await expect(dialog).toHaveCount(0);
    });

    test('the account of the spreadsheet and the side of the books file are chosen, and all is imported', async () => {
      const xlsx = card(XLSX_NAME);
      await xlsx.getByLabel(w.account).selectOption({ label: `${ACCOUNT} · EUR` });
      const books = card('books.csv');
      await books.getByRole('radio', { name: w.books }).check();
      for (const name of ['own_two_accounts_cp850.n43', XLSX_NAME, 'books.csv']) {
        await expect(card(name).locator('.badge')).toHaveText(w.ready);
      }
      await shot('05-ready');
      await page.getByRole('button', { name: w.importAll }).click();
      const summary = page.getByTestId('import-summary');
      await expect(summary).toContainText(w.finished, { timeout: 30_000 });
      await shot('06-summary');
    });

    test('the account view shows the imported lines, sorted and searched', async () => {
      await page.getByTestId('import-summary').getByRole('button', { name: w.open }).click();
      await expect(page.getByRole('heading', { level: 1, name: ACCOUNT })).toBeVisible();
      const table = page.getByRole('table', { name: w.bankTable });
      await expect(table.getByRole('row').nth(1)).toBeVisible();
      await expect(table).toContainText('TELEFONICA');
      await expect(table).toContainText('MUÑOZ Y PEÑA');
      await shot('07-account-view');
      await table.getByRole('columnheader', { name: w.amount }).getByRole('button').click();
      await expect(table.getByRole('columnheader', { name: w.amount })).toHaveAttribute('aria-sort', 'descending');
      await page.keyboard.press('j');
      await expect(table.locator('tr[aria-selected="true"]')).toHaveCount(1);
      await page.keyboard.press('/');
      await page.keyboard.type('TELEFONICA');
      await expect(table.getByRole('row')).toHaveCount(2);
      await shot('08-account-search');
      await page.getByRole('tab', { name: w.booksTab }).click();
      const items = page.getByRole('table', { name: w.booksTable });
      await expect(items).toContainText('FV-2025-0101');
      await shot('09-books-items');
    });
  });
}
