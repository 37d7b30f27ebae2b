import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from './support/serve-process.js';

// The first month of a new firm, in browser mode: first run, administrator, company,
// bank account, log out, and the lock after repeated wrong passwords.
const ADMIN = { firm: 'Asesoría Martín y Asociados', username: 'marta', name: 'Marta Martín', password: 'cuadra-segura-2025' };
const shots = 'tests/artifacts/foundation';

let serve: ServeProcess;
let context: BrowserContext;
// One tab for the whole flow, as a person would keep it open.
let page: Page;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ browser }) => {
  serve = await startServe();
  context = await browser.newContext({ locale: 'en-US' });
  page = await context.newPage();
});
test.afterAll(async () => {
  await context?.close();
  await serve?.stop();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('first run creates the firm and its administrator, who lands in the app', async () => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Set up Cuadra' })).toBeVisible();
  await page.getByLabel('Firm name').fill(ADMIN.firm);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.name);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Repeat password').fill(ADMIN.password);
  await shot('01-first-run');
  await page.getByRole('button', { name: 'Create firm and log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: `User menu for ${ADMIN.name}` })).toBeVisible();
  await shot('02-app-frame');
});

test('an administrator creates a company and adds a bank account with a checked IBAN', async () => {
  await page.getByRole('button', { name: 'Companies' }).click();
  await page.getByRole('button', { name: /New company|Create the first company/ }).first().click();
  await page.getByLabel('Company name').fill('Distribuciones López SL');
  await page.getByLabel(/Tax ID/).fill('B12345674');
  await page.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('row', { name: /Distribuciones López SL/ })).toBeVisible();
  await shot('03-companies');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: /New account|Add the first account/ }).first().click();
  await page.getByLabel('Account name').fill('Santander cuenta corriente');
  await page.getByLabel(/^IBAN/).fill('ES91 2100 0418 4502 0005 1333');
  await page.getByLabel(/^Currency/).fill('EUR');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByText(/check digits/i).first()).toBeVisible();
  await shot('04-account-bad-iban');
  await page.getByLabel(/^IBAN/).fill('ES91 2100 0418 4502 0005 1332');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('row', { name: /ES91 2100 0418 4502 0005 1332/ })).toBeVisible();
  await shot('05-accounts');
});

test('logging out returns to the login screen, and a reload stays logged out', async () => {
  await page.getByRole('button', { name: `User menu for ${ADMIN.name}` }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await shot('06-login');
});

test('five wrong passwords lock the account, even for the right password', async () => {
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toContainText(/not right|locked/);
  }
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('locked until');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await shot('07-locked');
});
