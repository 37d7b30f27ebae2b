import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from './support/serve-process.js';

// A Spanish-speaking accountant sees the app in Spanish, with amounts and dates in the
// Spanish format, from the first screen on.
let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServe();
});
test.afterAll(async () => {
  await serve?.stop();
});
test.use({ locale: 'es-ES' });

test('the first run and the app frame speak Spanish when the system does', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Configurar Cuadra' })).toBeVisible();
  await page.screenshot({ path: 'tests/artifacts/foundation/es-01-primer-uso.png', fullPage: true });
  await page.getByLabel('Nombre del despacho').fill('Despacho Ruiz');
  await page.getByLabel('Usuario').fill('ruiz');
  await page.getByLabel('Nombre visible').fill('Elena Ruiz');
  await page.getByLabel('Contraseña', { exact: true }).fill('una-clave-larga-2025');
  await page.getByLabel('Repita la contraseña').fill('una-clave-larga-2025');
  await page.getByRole('button', { name: 'Crear despacho y entrar' }).click();
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible();
  await page.getByRole('button', { name: 'Empresas' }).click();
  await page.screenshot({ path: 'tests/artifacts/foundation/es-02-empresas.png', fullPage: true });
});
