import type { DropFile } from './import-files.js';

/**
 * One month (March 2025) of a small company, as three canonical CSV files dropped on the Inbox:
 * the bank statement of its current account (with a running balance), its open invoices and the
 * ledger of that bank account (libro de bancos). The data is built so that a reconciliation run
 * gives a known picture (checked with the core's engine when this file was written):
 *
 * - 7 lines are auto-approved against ledger entries (references or named counterparties).
 * - 4 proposals wait in the high-confidence band without strong evidence: the payroll (B10,
 *   no counterparty named), Martínez's payment 1.50 short (B06, booked as a bank fee), a cash
 *   deposit (B12) and Papelería Sol's 300.00 (B08), a true tie between two equal receipts
 *   booked in the ledger (L08, L09): the other one is its alternative.
 * - B09, 2,995.00 from a payer the books do not know (NORDHANDEL AG), pays Comercial Norte's two
 *   invoices (1,800.00 + 1,200.00) less a 5.00 bank fee: the engine leaves it unmatched, it is
 *   matched by hand (one line, two invoices, the difference as a fee).
 * - B11, the account's maintenance charge (−12.50), is booked nowhere and stays unmatched.
 * - L13, a cheque not yet cashed, stays outstanding on the books side; its text starts with "="
 *   so that the CSV export has a cell to neutralise.
 *
 * Once everything is decided, the report at 31 March proves:
 *   statement 15,587.10 − books 12,456.10 − bank (−12.50) + books (300.00 − 450.00) = 2,993.50
 * unexplained: B09 settles invoices, not the ledger (+2,995.00), and B06's 1.50 fee is not
 * booked in the ledger (−1.50).
 */

export const MONTH_END = '2025-03-31';
export const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';

interface Row {
  id: string;
  date: string;
  amount: string;
  description: string;
  counterparty?: string;
  taxId?: string;
  reference?: string;
  dueDate?: string;
}

const bankRows: readonly Row[] = [
  { id: 'B00', date: '2025-03-03', amount: '10000.00', description: 'TRASPASO APORTACION SOCIOS CAPITAL', counterparty: 'MARTA MARTIN GARCIA' },
  { id: 'B01', date: '2025-03-03', amount: '1210.00', description: 'TRANSFERENCIA DISTRIBUCIONES LOPEZ SL FRA FV-2025-0101', counterparty: 'DISTRIBUCIONES LOPEZ SL', reference: 'FV-2025-0101' },
  { id: 'B02', date: '2025-03-05', amount: '-363.00', description: 'RECIBO TELEFONICA DE ESPANA SAU', counterparty: 'TELEFONICA DE ESPANA SAU', reference: 'T-99812' },
  { id: 'B03', date: '2025-03-06', amount: '2420.00', description: 'TRANSF SEPA GRUPO ARIZA SA FV-2025-0102', counterparty: 'GRUPO ARIZA SA', reference: 'FV-2025-0102' },
  { id: 'B04', date: '2025-03-10', amount: '-850.00', description: 'RECIBO ALQUILER LOCAL INMOBILIARIA CENTRO', counterparty: 'INMOBILIARIA CENTRO SL' },
  { id: 'B05', date: '2025-03-11', amount: '640.00', description: 'INGRESO HNOS RUIZ' },
  { id: 'B06', date: '2025-03-13', amount: '1178.50', description: 'TRANSFERENCIA MARTINEZ E HIJOS', counterparty: 'MARTINEZ E HIJOS' },
  { id: 'B07', date: '2025-03-14', amount: '-245.90', description: 'ADEUDO IBERDROLA CLIENTES', counterparty: 'IBERDROLA CLIENTES SAU' },
  { id: 'B08', date: '2025-03-17', amount: '300.00', description: 'TRANSFERENCIA PAPELERIA SOL', counterparty: 'PAPELERIA SOL SL' },
  { id: 'B09', date: '2025-03-20', amount: '2995.00', description: 'TRANSF INTERNACIONAL NORDHANDEL AG PAGO FACTURAS', counterparty: 'NORDHANDEL AG' },
  { id: 'B10', date: '2025-03-24', amount: '-2100.00', description: 'TRANSFERENCIA NOMINA MARZO' },
  { id: 'B12', date: '2025-03-26', amount: '415.00', description: 'INGRESO EFECTIVO CAJERO 4471' },
  { id: 'B11', date: '2025-03-28', amount: '-12.50', description: 'COMISION MANTENIMIENTO' },
];

const invoiceRows: readonly Row[] = [
  { id: 'I10', date: '2025-02-26', amount: '1800.00', description: 'Factura FV-2025-0120', counterparty: 'Comercial Norte S.L.', taxId: 'B87654323', reference: 'FV-2025-0120', dueDate: '2025-03-26' },
  { id: 'I11', date: '2025-02-27', amount: '1200.00', description: 'Factura FV-2025-0121', counterparty: 'Comercial Norte S.L.', taxId: 'B87654323', reference: 'FV-2025-0121', dueDate: '2025-03-27' },
  { id: 'I20', date: '2025-03-18', amount: '880.00', description: 'Factura FV-2025-0140', counterparty: 'Hermanos Ruiz S.L.', reference: 'FV-2025-0140', dueDate: '2025-04-17' },
  { id: 'I21', date: '2025-03-21', amount: '-1331.00', description: 'Factura proveedor Muebles Ebro', counterparty: 'Muebles Ebro S.A.', reference: 'ME-7781', dueDate: '2025-04-20' },
];

const ledgerRows: readonly Row[] = [
  { id: 'L00', date: '2025-03-03', amount: '10000.00', description: 'Aportación de capital de los socios', counterparty: 'Marta Martín García' },
  { id: 'L01', date: '2025-03-03', amount: '1210.00', description: 'Cobro factura FV-2025-0101', counterparty: 'Distribuciones López S.L.', reference: 'FV-2025-0101' },
  { id: 'L02', date: '2025-03-05', amount: '-363.00', description: 'Pago Telefónica febrero', counterparty: 'Telefónica de España S.A.U.', reference: 'T-99812' },
  { id: 'L03', date: '2025-03-06', amount: '2420.00', description: 'Cobro factura FV-2025-0102', counterparty: 'Grupo Ariza S.A.', reference: 'FV-2025-0102' },
  { id: 'L04', date: '2025-03-10', amount: '-850.00', description: 'Alquiler local marzo', counterparty: 'Inmobiliaria Centro S.L.' },
  { id: 'L05', date: '2025-03-11', amount: '640.00', description: 'Cobro factura FV-2025-0104', counterparty: 'Hermanos Ruiz S.L.', reference: 'FV-2025-0104' },
  { id: 'L06', date: '2025-03-13', amount: '1180.00', description: 'Cobro factura FV-2025-0105', counterparty: 'Martínez e Hijos S.L.', reference: 'FV-2025-0105' },
  { id: 'L07', date: '2025-03-14', amount: '-245.90', description: 'Luz febrero', counterparty: 'Iberdrola Clientes S.A.U.' },
  { id: 'L08', date: '2025-03-17', amount: '300.00', description: 'Cobro factura FV-2025-0110', counterparty: 'Papelería Sol S.L.', reference: 'FV-2025-0110' },
  { id: 'L09', date: '2025-03-17', amount: '300.00', description: 'Cobro factura FV-2025-0111', counterparty: 'Papelería Sol S.L.', reference: 'FV-2025-0111' },
  { id: 'L10', date: '2025-03-24', amount: '-2100.00', description: 'Nóminas marzo' },
  { id: 'L12', date: '2025-03-26', amount: '415.00', description: 'Ingreso de caja' },
  { id: 'L13', date: '2025-03-27', amount: '-450.00', description: '=Cheque 0012 Papelería Sol' },
];

const cell = (value: string | undefined): string => (value === undefined ? '' : /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function csv(rows: readonly Row[], balances: readonly string[] | null): string {
  const lines = rows.map((r, i) =>
    [r.id, r.date, '', r.amount, 'EUR', r.description, r.counterparty, r.taxId, r.reference, r.dueDate, balances?.[i]].map(cell).join(','));
  return `${[HEADER, ...lines].join('\n')}\n`;
}

/** The running balance after each bank row, from an opening balance of zero (a new account). */
function runningBalances(rows: readonly Row[]): string[] {
  let cents = 0;
  return rows.map((r) => {
    cents += Math.round(Number(r.amount) * 100);
    return (cents / 100).toFixed(2);
  });
}

const asFile = (name: string, text: string): DropFile => ({ name, type: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64') });

export const BANK_FILE = 'extracto-marzo-2025.csv';
export const INVOICES_FILE = 'facturas-pendientes.csv';
export const LEDGER_FILE = 'libro-bancos-marzo-2025.csv';

/** The three files of the month, in the order they are dropped. */
export function monthFiles(): DropFile[] {
  return [
    asFile(BANK_FILE, csv(bankRows, runningBalances(bankRows))),
    asFile(INVOICES_FILE, csv(invoiceRows, null)),
    asFile(LEDGER_FILE, csv(ledgerRows, null)),
  ];
}
