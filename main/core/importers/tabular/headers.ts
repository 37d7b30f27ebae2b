/**
 * Header words in Spanish and English → column roles, and the search for the header row below
 * title and metadata rows. Headers are compared normalised (lower case, no accents, runs of
 * punctuation as one space: "F.Valor" → "f valor", "Nº Factura" → "n o factura"). Exact phrases
 * score 1; short headers that contain a telling word ("Importe (EUR)") score 0.7.
 * Debit / credit columns keep the file's own words (Cargo/Debe/Debit, Abono/Haber/Credit); words
 * that name a direction of money (Retiro, Depósito, Money in) are turned into the debit or credit
 * of the side: on a bank statement money out is a debit; in the books money out is a credit.
 */
import type { ColumnRole, TableSide } from './types.js';

/** A role before the side is known: money-direction words (inflow / outflow) are not yet debit or credit. */
export type HeaderRole = ColumnRole | 'inflow' | 'outflow';

const PHRASES: ReadonlyArray<[HeaderRole, string]> = [
  ['date', 'fecha|date|fecha operacion|f operacion|fecha de operacion|fecha oper|f oper|fecha contable|f contable|fecha movimiento|fecha mov|fecha del movimiento|booking date|transaction date|posting date|posted date|post date|trans date|fecha transaccion|fecha de transaccion|dia|fecha emision|fecha de emision|fecha factura|fecha documento|fecha doc|invoice date|document date|issue date|fecha expedicion|fecha de expedicion|fecha registro|fecha asiento|entry date|fecha aplicacion|fecha de aplicacion|fec operacion'],
  ['valueDate', 'fecha valor|f valor|value date|valuta|fecha de valor|fec valor|fvalor'],
  ['dueDate', 'vencimiento|fecha vencimiento|fecha de vencimiento|f vencimiento|fecha vto|f vto|vto|due date|due|payment due|fecha limite de pago'],
  ['description', 'concepto|descripcion|description|detalle|detalles|movimiento|concepto movimiento|memo|narrative|details|transaction details|transaction description|observaciones|comentario|comentarios|notas|nota|texto|concepto ampliado|informacion adicional|descripcion movimiento|asunto|glosa|leyenda|subject|note'],
  ['amount', 'importe|amount|monto|cantidad|valor|importe eur|importe euros|transaction amount|importe movimiento|total|importe total|amount eur|monto mxn|importe mxn|importe operacion'],
  ['debit', 'cargo|cargos|debe|debit|debits|debito|debitos|debit amount|importe cargo|importe debe'],
  ['credit', 'abono|abonos|haber|credit|credits|credito|creditos|credit amount|importe abono|importe haber'],
  ['outflow', 'retiro|retiros|withdrawal|withdrawals|salida|salidas|egreso|egresos|money out|paid out|pagos|gasto|gastos'],
  ['inflow', 'deposito|depositos|deposit|deposits|entrada|entradas|ingreso|ingresos|money in|paid in|cobros'],
  ['balance', 'saldo|balance|disponible|saldo disponible|running balance|saldo contable|saldo final|saldo tras la operacion|saldo despues|available balance|saldo eur|saldo actual|ledger balance'],
  ['openAmount', 'pendiente|importe pendiente|saldo pendiente|open amount|amount due|outstanding|balance due|por cobrar|por pagar|importe abierto|residual|importe vivo|open|pending amount'],
  ['currency', 'divisa|moneda|currency|ccy|cur|curr'],
  ['reference', 'referencia|reference|ref|reference number|referencia 1|referencia 2|numero de referencia|num referencia|clave de rastreo|numero de operacion|num operacion|autorizacion|numero de autorizacion|referencia bancaria|referencia de pago|payment reference|ref pago|referencia numerica|referencia alfanumerica|reference id|check number|cheque|numero de cheque|transaction reference|id de transaccion de referencia|reference txn id'],
  ['documentNumber', 'documento|factura|invoice|invoice number|invoice no|document number|document|doc|numero factura|numero de factura|num factura|n factura|no factura|n o factura|folio|serie folio|numero documento|numero de documento|num documento|n documento|n o documento|document no|bill number|num doc|n doc'],
  ['id', 'id|identificador|transaction id|id transaccion|id de transaccion|id de la transaccion|codigo movimiento|numero de movimiento|n movimiento|movement id|id movimiento'],
  ['counterparty', 'contraparte|beneficiario|ordenante|counterparty|payee|nombre|cliente|proveedor|cliente proveedor|razon social|name|customer|supplier|vendor|tercero|nombre cliente|nombre proveedor|nombre del cliente|nombre del proveedor|customer name|supplier name|vendor name|beneficiary|payer|pagador|destinatario|remitente|comercio|merchant|establecimiento'],
  ['taxId', 'nif|cif|nif cif|cif nif|rfc|tax id|vat|vat number|vat id|nie|dni|cuit|rut|nit|ruc|id fiscal|identificacion fiscal|numero de identificacion fiscal|tax number|rfc cliente|rfc proveedor|rfc emisor|rfc receptor|nif cliente|nif proveedor|cuit cuil'],
  ['kind', 'tipo|type|tipo documento|tipo de documento|document type|tipo de comprobante|clase|tipo de movimiento|transaction type|tipo operacion|tipo de operacion'],
  ['dcFlag', 'd c|dc|c d|d h|debe haber|cargo abono|debit credit|credit debit|dr cr|cr dr|signo|sign|naturaleza|credit debit indicator|indicador|efecto en el saldo|balance impact|ingreso egreso'],
  ['gross', 'bruto|gross|importe bruto|gross amount'],
  ['fee', 'comision|comisiones|fee|fees|fee amount|tarifa|importe comision'],
  ['net', 'neto|net|importe neto|net amount'],
  ['ignore', 'asiento|n asiento|numero de asiento|cuenta|account|numero de cuenta|iban|account number|cuenta bancaria|n cuenta|no cuenta|cuenta iban|nro cuenta|cuenta clabe|clabe|estado|status|estatus|situacion|hora|time|zona horaria|timezone|time zone|categoria|category|oficina|sucursal|branch|de la direccion de correo electronico|a la direccion de correo electronico|from email address|to email address|etiqueta|tags|mes|ano|year|month|impuesto|iva|tax|base imponible|subtotal|descuento|discount|retencion|quantity|envio|shipping|pais|country|direccion|address|telefono|phone|email|correo|numero|item|linea|line|unidades|importe del impuesto sobre las ventas|sales tax'],
];

const EXACT: ReadonlyMap<string, HeaderRole> = new Map(
  PHRASES.flatMap(([role, list]) => list.split('|').map((p): [string, HeaderRole] => [p, role])),
);

/** Word rules for short headers the phrase list does not have, first match wins. */
const WORD_RULES: ReadonlyArray<[HeaderRole, (w: Set<string>) => boolean]> = [
  ['valueDate', (w) => w.has('valor') && (w.has('fecha') || w.has('f'))],
  ['dueDate', (w) => w.has('vencimiento') || w.has('vto') || w.has('due')],
  ['date', (w) => w.has('fecha') || w.has('date')],
  ['openAmount', (w) => w.has('pendiente') || w.has('outstanding') || w.has('open')],
  ['gross', (w) => w.has('bruto') || w.has('gross')],
  ['net', (w) => w.has('neto') || w.has('net')],
  ['fee', (w) => w.has('comision') || w.has('fee') || w.has('fees')],
  ['balance', (w) => w.has('saldo') || w.has('balance')],
  ['debit', (w) => w.has('cargo') || w.has('debe') || w.has('debit') || w.has('debito')],
  ['credit', (w) => w.has('abono') || w.has('haber') || w.has('credit') || w.has('credito')],
  ['outflow', (w) => w.has('retiro') || w.has('withdrawal') || w.has('retiros')],
  ['inflow', (w) => w.has('deposito') || w.has('deposit') || w.has('depositos')],
  ['amount', (w) => w.has('importe') || w.has('amount') || w.has('monto')],
  ['description', (w) => w.has('concepto') || w.has('descripcion') || w.has('description') || w.has('detalle') || w.has('memo')],
  ['reference', (w) => w.has('referencia') || w.has('reference') || w.has('ref')],
  ['documentNumber', (w) => w.has('factura') || w.has('invoice') || w.has('documento') || w.has('folio')],
  ['taxId', (w) => w.has('nif') || w.has('cif') || w.has('rfc') || w.has('vat')],
  ['currency', (w) => w.has('divisa') || w.has('moneda') || w.has('currency')],
  ['counterparty', (w) => ['beneficiario', 'ordenante', 'cliente', 'proveedor', 'customer', 'supplier', 'payee', 'counterparty', 'contraparte'].some((k) => w.has(k))],
];

/** Normalise header text for comparison: lower case, no accents, punctuation runs as one space. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface HeaderMatch {
  role: HeaderRole;
  /** 1 for a known phrase, 0.7 for a telling word in a short header. */
  score: number;
}

/** The role a header names, or null when it names none Cuadra knows. */
export function matchHeader(text: string): HeaderMatch | null {
  const norm = normalizeHeader(text);
  if (norm === '') return null;
  const exact = EXACT.get(norm);
  if (exact !== undefined) return { role: exact, score: 1 };
  const words = norm.split(' ');
  if (words.length > 6) return null;
  const set = new Set(words);
  for (const [role, rule] of WORD_RULES) if (rule(set)) return { role, score: 0.7 };
  return null;
}

/** Resolve money-direction words for a side: money out is a bank debit but a books credit. */
export function resolveRole(role: HeaderRole, side: TableSide): ColumnRole {
  if (role === 'outflow') return side === 'bank' ? 'debit' : 'credit';
  if (role === 'inflow') return side === 'bank' ? 'credit' : 'debit';
  return role;
}

/** The canonical CSV of DESIGN.md: its eleven columns with the Spanish and English names accepted. */
const CANONICAL: ReadonlyArray<[ColumnRole, string]> = [
  ['id', 'id'],
  ['date', 'date|fecha'],
  ['valueDate', 'value date|fecha valor'],
  ['amount', 'amount|importe'],
  ['currency', 'currency|moneda|divisa'],
  ['description', 'description|descripcion|concepto'],
  ['counterparty', 'counterparty|contraparte'],
  ['taxId', 'tax id|nif|id fiscal|nif cif|rfc'],
  ['reference', 'reference|referencia'],
  ['dueDate', 'due date|vencimiento|fecha vencimiento'],
  ['balance', 'balance|saldo'],
];

/** Roles of a canonical header row (one per cell), or null when the row is not exactly the canonical header. */
export function canonicalRoles(cells: readonly string[]): ColumnRole[] | null {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length !== CANONICAL.length || cells.length !== filled.length) return null;
  const roles: ColumnRole[] = [];
  for (const cell of cells) {
    const norm = normalizeHeader(cell);
    const slot = CANONICAL.find(([, names]) => names.split('|').includes(norm));
    if (slot === undefined || roles.includes(slot[0])) return null;
    roles.push(slot[0]);
  }
  return roles;
}

const MONEY_ROLES: ReadonlySet<HeaderRole> = new Set(['amount', 'debit', 'credit', 'inflow', 'outflow', 'gross', 'net', 'balance', 'openAmount']);

export interface HeaderRowChoice {
  /** Index into the grid's rows. */
  index: number;
  score: number;
  matched: number;
}

/**
 * Find the header row among the first rows: the one where most cells are known header words
 * and few look like data. Needs two matched cells including a date or money column.
 * `looksLikeData(cell)` tells amounts and dates apart from words.
 */
export function findHeaderRow(
  rows: ReadonlyArray<{ cells: readonly string[] }>,
  looksLikeData: (cell: string) => boolean,
  searchRows = 100,
): HeaderRowChoice | null {
  let best: HeaderRowChoice | null = null;
  const limit = Math.min(rows.length, searchRows);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i]?.cells ?? [];
    let score = 0;
    let matched = 0;
    let key = false;
    for (const cell of cells) {
      if (cell === '') continue;
      const m = matchHeader(cell);
      if (m !== null) {
        score += m.score;
        matched++;
        if (m.role === 'date' || MONEY_ROLES.has(m.role)) key = true;
      } else if (looksLikeData(cell)) {
        score -= 1;
      }
    }
    if (matched < 2 || !key) continue;
    if (best === null || score > best.score) best = { index: i, score, matched };
  }
  return best;
}
