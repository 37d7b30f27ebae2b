import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import type { JSHandle, Page } from '@playwright/test';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A file to drop: its name, MIME type and bytes as base64 (what crosses into the page). */
export interface DropFile {
  name: string;
  type: string;
  base64: string;
}

/**
 * A bank export as a bank's web site gives it: a title row, then movements with dates written
 * as text whose day is never above 12 (so day/month order cannot be told from the dates alone),
 * a reference column and a running balance.
 */
export function bankWorkbook(): DropFile {
  const rows: (string | number)[][] = [
    ['Movimientos de la cuenta ES91 2100 0418 4502 0005 1332'],
    [],
    ['F. Operación', 'F. Valor', 'Concepto', 'Ref.', 'Importe', 'Saldo'],
    ['03/03/2025', '03/03/2025', 'TRANSFERENCIA DE DISTRIBUCIONES LOPEZ SL FRA FV-2025-0101', 'FV-2025-0101', 1210, 11210],
    ['05/03/2025', '05/03/2025', 'RECIBO TELEFONICA DE ESPANA SAU', 'T-99812', -363, 10847],
    ['10/03/2025', '10/03/2025', 'COMISION MANTENIMIENTO', '', -12.5, 10834.5],
    ['12/03/2025', '12/03/2025', 'TRANSF SEPA GRUPO ARIZA SA FACTURAS 0102 0103', 'FV-2025-0102', 2420, 13254.5],
    ['12/03/2025', '12/03/2025', 'PAGO TPV HERMANOS RUIZ SL', 'FV-2025-0104', 500, 13754.5],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Movimientos');
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return { name: 'movimientos-marzo.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64') };
}

/** A file of the repository as a file to drop. */
export function fixture(path: string, type = 'application/octet-stream'): DropFile {
  const name = path.split('/').at(-1) ?? path;
  return { name, type, base64: readFileSync(`${root}/${path}`).toString('base64') };
}

/** A DataTransfer inside the page holding the files, as the browser builds it for a real drag from the desktop. */
export function dataTransferOf(page: Page, files: readonly DropFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    return transfer;
  }, files);
}

/** Dispatches a drag event carrying the transfer on the window itself. */
export async function dragOnWindow(page: Page, type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', transfer: JSHandle<DataTransfer>): Promise<void> {
  await page.evaluate(
    ([eventType, dataTransfer]) => {
      window.dispatchEvent(new DragEvent(eventType, { dataTransfer, bubbles: true, cancelable: true }));
    },
    [type, transfer] as const,
  );
}
