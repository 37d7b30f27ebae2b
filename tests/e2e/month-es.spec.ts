import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { dataTransferOf, dragOnWindow } from './support/import-files.js';
import { BANK_FILE, INVOICES_FILE, LEDGER_FILE, MONTH_END, monthFiles } from './support/month-files.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

// The same month as month.spec.ts on the same screens, in Spanish and with fewer steps: what
// matters here is that every screen speaks Spanish, with Spanish amounts and dates, and a
// screenshot of each. The English spec checks the month in depth (exports, reject and undo).

const COMPANY = 'Talleres Martín SL';
const ACCOUNT = 'CaixaBank cuenta corriente';
const USER = 'marta';
const SHOTS = 'tests/artifacts/month-es';

test.describe.configure({ mode: 'serial' });

let serve: ServeProcess;
let context: BrowserContext;
// One tab for the whole month: a new context would be a new tab without the session.
let page: Page;

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  serve = await startServe();
  context = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid' });
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
const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name, exact: true }).click();
const toasts = (): Locator => page.getByTestId('toasts');
const dismissToasts = async (): Promise<void> => {
  const buttons = toasts().getByRole('button', { name: 'Descartar' });
  while ((await buttons.count()) > 0) await buttons.first().click({ timeout: 2_000 }).catch(() => undefined);
};
const card = (fileName: string): Locator => page.getByRole('listitem', { name: fileName });
const queue = (name: string): Locator => page.getByRole('listbox', { name });
const option = (list: Locator, text: string): Locator => list.getByRole('option').filter({ hasText: text });
const figures = (): Locator => page.getByTestId('key-figures');

test('primer uso: el despacho, una empresa y su cuenta bancaria', async () => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Configurar Cuadra' })).toBeVisible();
  await page.getByLabel('Nombre del despacho').fill('Asesoría Martín');
  await page.getByLabel('Usuario').fill(USER);
  await page.getByLabel('Nombre visible').fill('Marta Martín');
  await page.getByLabel('Contraseña', { exact: true }).fill('cuadra-segura-2025');
  await page.getByLabel('Repita la contraseña').fill('cuadra-segura-2025');
  await shot('01-first-run');
  await page.getByRole('button', { name: 'Crear despacho y entrar' }).click();
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Despacho' }).getByRole('button', { name: 'Empresas' }).click();
  await page.getByRole('button', { name: /Nueva empresa|Crear la primera empresa/ }).first().click();
  await page.getByLabel('Nombre de la empresa').fill(COMPANY);
  await page.getByRole('button', { name: 'Crear empresa' }).click();
  await expect(page.getByRole('row', { name: new RegExp(COMPANY) })).toBeVisible();
  await dismissToasts();
  await shot('02-companies');

  await nav('Cuentas');
  await page.getByRole('button', { name: /Nueva cuenta|Añadir la primera cuenta/ }).first().click();
  await page.getByLabel('Nombre de la cuenta').fill(ACCOUNT);
  await page.getByLabel(/^IBAN/).fill('ES91 2100 0418 4502 0005 1332');
  await page.getByLabel(/^Moneda/).fill('EUR');
  await page.getByRole('button', { name: 'Añadir cuenta' }).click();
  await expect(page.getByRole('row', { name: /ES91 2100 0418 4502 0005 1332/ })).toBeVisible();
  await dismissToasts();
});

test('el extracto, las facturas pendientes y el libro de bancos se sueltan en la ventana y se importan', async () => {
  await nav('Entrada');
  const transfer = await dataTransferOf(page, monthFiles());
  await dragOnWindow(page, 'dragenter', transfer);
  await dragOnWindow(page, 'dragover', transfer);
  await dragOnWindow(page, 'drop', transfer);
  await expect(page.getByTestId('inbox-file')).toHaveCount(3);
  await expect(page.getByTestId('inbox-file').locator('.badge').filter({ hasText: '…' })).toHaveCount(0, { timeout: 30_000 });
  await card(BANK_FILE).getByRole('radio', { name: 'Extracto bancario' }).check();
  await card(BANK_FILE).getByLabel('Cuenta').selectOption({ label: `${ACCOUNT} · EUR` });
  await card(INVOICES_FILE).getByRole('radio', { name: 'Contabilidad' }).check();
  await card(LEDGER_FILE).getByRole('radio', { name: 'Contabilidad' }).check();
  await card(LEDGER_FILE).getByLabel('Destino').selectOption({ label: `Libro de bancos de ${ACCOUNT} · EUR` });
  for (const name of [BANK_FILE, INVOICES_FILE, LEDGER_FILE]) await expect(card(name).locator('.badge')).toHaveText('Listo');
  await shot('03-inbox-ready');
  await page.getByRole('button', { name: /^Importar todo/ }).click();
  await expect(page.getByTestId('import-summary')).toContainText('Importación terminada', { timeout: 30_000 });
  await dismissToasts();
  await shot('04-inbox-imported');
});

test('la conciliación se ejecuta en Revisión y una propuesta se aprueba con el teclado', async () => {
  await nav('Revisión');
  await page.getByRole('button', { name: 'Ejecutar conciliación' }).click();
  await expect(page.getByRole('region', { name: 'Conciliación' }).getByRole('status')).toHaveText(
    'Conciliación terminada: 11 propuestas, 7 autoaprobadas, 4 por revisar, 2 líneas sin conciliar.', { timeout: 30_000 });
  await expect(figures()).toHaveText('4 pendientes · 7 autoaprobadas · 2 sin conciliar');
  const pending = queue('Propuestas pendientes de revisión');
  const payroll = option(pending, 'TRANSFERENCIA NOMINA MARZO');
  await pending.focus();
  await expect(payroll).toHaveAttribute('aria-selected', 'true');
  await expect(payroll).toContainText('-2100,00 EUR');
  await expect(page.getByRole('region', { name: 'Propuesta seleccionada' })).toContainText('Nóminas marzo');
  await dismissToasts();
  await shot('05-review-queue');
  await page.keyboard.press('a');
  await expect(toasts()).toContainText('Aprobada: TRANSFERENCIA NOMINA MARZO');
  await expect(figures()).toHaveText('3 pendientes · 7 autoaprobadas · 2 sin conciliar');
  await expect(payroll).toHaveCount(0);

  await page.keyboard.press('End');
  await expect(option(pending, 'TRANSFERENCIA PAPELERIA SOL')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Propuesta seleccionada' })).toContainText('empate: debe decidir una persona');
  await dismissToasts();
  await shot('06-review-tie');
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(shortcuts).toContainText('Aprobar la propuesta seleccionada');
  await shot('07-shortcuts');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});

test('el cobro de dos facturas menos 5,00 de comisión se concilia a mano', async () => {
  await page.getByRole('tab', { name: /^Líneas sin conciliar/ }).click();
  const lines = queue('Líneas bancarias sin conciliar');
  const nordhandel = option(lines, 'NORDHANDEL AG');
  await expect(lines.getByRole('option')).toHaveCount(2);
  await expect(lines.getByRole('option').first()).toContainText('NORDHANDEL AG');
  await lines.focus();
  await expect(nordhandel).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('m');
  const dialog = page.getByRole('dialog', { name: 'Conciliar a mano' });
  await dialog.getByRole('searchbox', { name: 'Texto' }).fill('Comercial Norte');
  await expect(dialog.getByRole('table', { name: 'Partidas contables encontradas' }).getByTestId('manual-result')).toHaveCount(2);
  await dialog.getByRole('checkbox', { name: 'Añadir FV-2025-0120' }).check();
  await dialog.getByRole('checkbox', { name: 'Añadir FV-2025-0121' }).check();
  const second = dialog.getByRole('textbox', { name: 'Importe para FV-2025-0121' });
  await expect(second).toHaveValue('1195,00');
  await second.fill('1200,00');
  await second.press('Enter');
  await expect(dialog.getByTestId('manual-difference')).toContainText('-5,00 EUR');
  await dialog.getByRole('radio', { name: 'comisión bancaria' }).check();
  await dialog.getByRole('checkbox', { name: 'Guardar como regla para la próxima vez' }).check();
  await expect(dialog.getByLabel('Si el texto del banco contiene')).toHaveValue('NORDHANDEL AG');
  await shot('08-manual-match');
  await dialog.getByRole('button', { name: 'Crear conciliación' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(toasts()).toContainText('Conciliación manual creada: NORDHANDEL AG');
  await expect(figures()).toHaveText('3 pendientes · 7 autoaprobadas · 1 sin conciliar');
});

test('la banda alta se aprueba tras revisar su muestra', async () => {
  await page.getByRole('tab', { name: /^Pendientes/ }).click();
  await dismissToasts();
  await page.getByRole('button', { name: 'Aprobar banda' }).click();
  const band = page.getByRole('dialog', { name: 'Aprobar banda: confianza Alta' });
  await expect(band).toContainText('En esta banda esperan 3 propuestas. Revise esta muestra al azar de 3');
  await expect(band.getByRole('table', { name: 'Muestra al azar' }).getByTestId('band-sample-row')).toHaveCount(3);
  await shot('09-band-sample');
  await band.getByRole('button', { name: 'Aprobar las 3' }).click();
  await expect(band).toHaveCount(0);
  await expect(toasts()).toContainText('Aprobadas de la banda: 3.');
  await expect(page.getByRole('heading', { name: 'No queda nada por revisar' })).toBeVisible();
  await dismissToasts();
});

test('el panel de cuentas y el resumen de la cuenta', async () => {
  await nav('Cuentas');
  const row = page.getByRole('row', { name: new RegExp(ACCOUNT) });
  await expect(row).toContainText('2993,50 EUR');
  await expect(row).toContainText('Diferencia');
  await shot('10-accounts-dashboard');
  await row.getByRole('button', { name: `Resumen de ${ACCOUNT}` }).click();
  const overview = page.getByRole('region', { name: `Resumen de ${ACCOUNT}` });
  await expect(overview).toContainText('Saldo bancario15.587,10 EUR');
  await expect(overview).toContainText('Saldo contable12.456,10 EUR');
  await shot('11-account-overview');
});

test('el informe a fin de mes, su vista de impresión y el cierre del periodo', async () => {
  await nav('Informes');
  await page.getByLabel('Cuenta').selectOption({ label: `${ACCOUNT} · EUR` });
  await page.getByLabel('A fecha de').fill(MONTH_END);
  const proof = page.getByRole('table', { name: 'Cómo las partidas pendientes explican la diferencia entre banco y contabilidad a 31 mar 2025' });
  await expect(proof.getByRole('row', { name: /Saldo según el extracto bancario/ })).toContainText('15.587,10 EUR');
  await expect(proof.getByRole('row', { name: /Menos: saldo en contabilidad/ })).toContainText('12.456,10 EUR');
  await expect(proof.getByRole('row', { name: /Menos: movimientos del banco aún no contabilizados \(1\)/ })).toContainText('-12,50 EUR');
  await expect(proof.getByRole('row', { name: /Más: asientos aún no reflejados en el extracto \(2\)/ })).toContainText('-150,00 EUR');
  await expect(proof.getByTestId('proof-result')).toContainText('Sin explicar');
  await expect(proof.getByTestId('proof-result')).toContainText('2993,50 EUR');
  await shot('12-report');

  await page.getByRole('button', { name: 'Vista de impresión' }).click();
  const print = page.getByRole('dialog', { name: 'Informe de conciliación' });
  await expect(print).toContainText(`${ACCOUNT} a 31 mar 2025`);
  await expect(print).toContainText('Revisado por');
  await shot('13-print-view');
  await print.getByRole('button', { name: 'Cerrar la vista de impresión' }).click();
  await expect(print).toHaveCount(0);

  await page.getByRole('button', { name: 'Cerrar el periodo hasta el 31 mar 2025' }).click();
  const confirm = page.getByRole('dialog', { name: `¿Cerrar ${ACCOUNT} hasta el 31 mar 2025?` });
  await expect(confirm).toContainText('El informe aún muestra una diferencia sin explicar de 2993,50 EUR.');
  await shot('14-lock-confirm');
  await confirm.getByRole('button', { name: 'Cerrar periodo', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(toasts()).toContainText(`${ACCOUNT} cerrada hasta el 31 mar 2025.`);
  await expect(page.getByTestId('lock-state')).toContainText(`Cerrado hasta el 31 mar 2025 por ${USER}`);
  await dismissToasts();
  await shot('15-report-locked');
});

test('en Revisión, una decisión dentro del periodo cerrado se rechaza', async () => {
  await nav('Revisión');
  await page.getByRole('tab', { name: /^Autoaprobadas/ }).click();
  const auto = queue('Conciliaciones autoaprobadas');
  await expect(auto.getByRole('option')).toHaveCount(7);
  await auto.focus();
  await expect(auto.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('r');
  await expect(toasts()).toContainText('Este periodo está cerrado:');
  await expect(auto.getByRole('option').first()).toContainText('Autoaprobada');
  await shot('16-review-locked');
  await dismissToasts();
});

test('reglas, ajustes y auditoría', async () => {
  await nav('Reglas');
  await expect(figures()).toHaveText('3 reglas y alias · 0 parejas rechazadas');
  const rule = page.getByRole('table', { name: 'Textos del banco y la contraparte que Cuadra lee en ellos' }).getByRole('row', { name: /NORDHANDEL AG/ });
  await expect(rule).toContainText('Comercial Norte S.L.');
  await expect(rule).toContainText('Regla');
  await shot('17-rules');

  await nav('Ajustes');
  await expect(page.getByLabel('Idioma')).toHaveValue('es');
  await expect(page.getByLabel('Umbral de aprobación automática (%)')).toHaveValue('95');
  await shot('18-settings');

  await nav('Auditoría');
  const log = page.getByRole('table', { name: 'Auditoría' });
  const action = (name: string): Locator => log.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(action('period.lock')).toHaveCount(1);
  await expect(action('match.approve')).toHaveCount(4);
  await expect(action('match.manual')).toHaveCount(1);
  await shot('19-audit');
});
