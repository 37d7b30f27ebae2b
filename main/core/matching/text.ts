/**
 * Text normalisation for matching: fold case, accents and punctuation; drop what banks add
 * (TRANSFERENCIA / SEPA / SPEI / RECIBO / ADEUDO prefixes, card masks, dates, long numbers);
 * reduce counterparty names to tokens that survive legal forms (S.L., S.A. de C.V., …),
 * stop words and common abbreviations. All functions are pure and allocation-light.
 */

/** Upper case, no accents, every run of non-alphanumerics one space, trimmed ("Nº 12-A" → "N 12 A"). */
export function foldText(text: string): string {
  // Bank texts are mostly ASCII already: skip the Unicode decomposition then.
  const plain = /[^\x00-\x7f]/.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
  return plain.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
}

/**
 * Legal forms and their pieces once dots are gone: "S.A. DE C.V." → SA DE CV, "S. de R.L." → S DE RL.
 * Removed wherever they stand: a bank often truncates or reorders them.
 */
const LEGAL_FORMS = new Set([
  'S', 'SA', 'SL', 'SLU', 'SAU', 'SLL', 'SLNE', 'SLP', 'SC', 'SCP', 'SCL', 'CB', 'SCOOP', 'COOP', 'SOCIEDAD', 'LIMITADA',
  'ANONIMA', 'UNIPERSONAL', 'CV', 'RL', 'SAPI', 'SAB', 'SPR', 'SRL', 'AC', 'IAP', 'SAS', 'SOFOM', 'ENR', 'ER', 'INC',
  'LTD', 'LLC', 'GMBH', 'BV', 'CORP', 'PLC', 'AG', 'SPA', 'SARL', 'NV', 'LTDA', 'CIA', 'COMPANIA', 'Y',
]);

/** Words that carry no identity in a name. */
const STOP_WORDS = new Set(['DE', 'DEL', 'LA', 'LAS', 'EL', 'LOS', 'E', 'THE', 'OF', 'AND', 'EN', 'AL', 'A', 'Y']);

/** Abbreviations banks and accountants use for the same word. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  HNOS: 'HERMANOS', HERMS: 'HERMANOS', HNO: 'HERMANOS', DISTRIB: 'DISTRIBUCIONES', DIST: 'DISTRIBUCIONES',
  CONST: 'CONSTRUCCIONES', CONSTR: 'CONSTRUCCIONES', SERV: 'SERVICIOS', SERVS: 'SERVICIOS', INST: 'INSTALACIONES',
  COMERC: 'COMERCIAL', CIAL: 'COMERCIAL', IND: 'INDUSTRIAS', INDS: 'INDUSTRIAS', ASOC: 'ASOCIADOS', TRANSP: 'TRANSPORTES',
  INMOB: 'INMOBILIARIA', ING: 'INGENIERIA', GPO: 'GRUPO', MEX: 'MEXICO', INTL: 'INTERNACIONAL', INTERNAC: 'INTERNACIONAL',
};

/**
 * Words banks put around the counterparty in free text. Removed from descriptions only
 * (a company may well be called "Pagos Rápidos SL"; as a name field it keeps its words).
 */
const BANK_NOISE = new Set([
  'TRANSFERENCIA', 'TRANSFER', 'TRANSF', 'TRANS', 'TRF', 'TRASP', 'TRASPASO', 'SEPA', 'SCT', 'SDD', 'SPEI', 'RECIBIDO', 'RECIBIDA', 'ENVIADO',
  'ENVIADA', 'RECIBO', 'RECIBOS', 'ADEUDO', 'ADEUDOS', 'DOMICILIADO', 'DOMICILIACION', 'DOMIC', 'CARGO', 'ABONO', 'PAGO', 'PAGOS',
  'COBRO', 'COBROS', 'ORDEN', 'ORDENANTE', 'ORD', 'BENEFICIARIO', 'BENEF', 'BEN', 'CONCEPTO', 'CONC', 'CPTO', 'REF', 'REFERENCIA',
  'FAVOR', 'POR', 'INMEDIATA', 'INMED', 'NACIONAL', 'COMPRA', 'TARJ', 'TARJETA', 'TJ', 'CON', 'FECHA', 'FEC', 'OPERACION', 'OP',
  'CLAVE', 'CVE', 'RASTREO', 'RFC', 'NIF', 'CIF', 'FACTURA', 'FACTURAS', 'FRA', 'FRAS', 'FACT', 'FAC', 'FAV', 'INV', 'INVOICE',
  'NO', 'NUM', 'N', 'NUMERO', 'FOLIO', 'BANCO', 'BCO', 'DEPOSITO', 'DEP', 'EFECTIVO', 'CHEQUE', 'CH', 'EMISOR', 'RECEPTOR', 'SU', 'NUESTRA',
  'PARA', 'CTA', 'CUENTA', 'IBAN', 'BIC', 'SWIFT', 'END', 'TO', 'ID', 'MANDATO', 'CORE', 'B2B', 'ABONADO', 'LIQUIDACION',
  'BBVA', 'SANTANDER', 'CAIXABANK', 'CAIXA', 'SABADELL', 'BANKINTER', 'UNICAJA', 'IBERCAJA', 'KUTXABANK', 'ABANCA', 'BANORTE',
  'BANAMEX', 'CITIBANAMEX', 'HSBC', 'INBURSA', 'SCOTIABANK', 'BANREGIO', 'MIFEL', 'MONEX', 'STP', 'BANCOPPEL',
]);

/** True for a card mask such as 4152XXXXXXXX1234 or ************1234 (after folding, `*` is gone). */
function isCardMask(token: string): boolean {
  return /^\d{4,6}X{4,}\d{0,4}$/.test(token) || /^X{4,}\d{2,4}$/.test(token);
}

function canonicalToken(token: string): string {
  return ABBREVIATIONS[token] ?? token;
}

/** Fold a name, joining dotted abbreviations first ("S.A. de C.V." → "SA DE CV"). */
export function foldName(name: string): string {
  return foldText(name.replace(/(\p{L})\.(?=\p{L}|\s|$)/gu, '$1').replace(/\./g, ''));
}

/** Identity tokens of a counterparty name: folded, no legal forms, no stop words, abbreviations expanded. */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  for (const raw of foldName(name).split(' ')) {
    if (raw.length < 2 && !/\d/.test(raw)) continue;
    const t = canonicalToken(raw);
    if (LEGAL_FORMS.has(t) || STOP_WORDS.has(t)) continue;
    out.push(t);
  }
  return out;
}

/**
 * Word tokens of a bank description that may name the counterparty: bank prefixes, card masks,
 * anything with a digit, legal forms and stop words removed.
 */
export function descriptionTokens(description: string): string[] {
  return foldedTokens(foldName(description));
}

/** `descriptionTokens` of a text already folded with `foldText` (dotted abbreviations then stay split). */
export function foldedTokens(folded: string): string[] {
  const out: string[] = [];
  for (const raw of folded.split(' ')) {
    if (raw.length < 2 || /\d/.test(raw) || isCardMask(raw)) continue;
    const t = canonicalToken(raw);
    if (BANK_NOISE.has(t) || LEGAL_FORMS.has(t) || STOP_WORDS.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Plain-text key of a name for exact lookups (aliases): its identity tokens joined by a space. */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

/** Key of the counterparty a bank line shows: its name field when present, else its description's name words. */
export function bankNameKey(counterpartyName: string | undefined, description: string): string {
  const tokens = counterpartyName && counterpartyName.trim() !== '' ? nameTokens(counterpartyName) : descriptionTokens(description);
  return tokens.join(' ');
}

/** Hints in a bank text about what an unmatched line is. */
export interface TextHints {
  bankCharge: boolean;
  interest: boolean;
  tax: boolean;
  transfer: boolean;
  card: boolean;
}

const CHARGE_RE = /\b(COMISION(ES)?|COM|CUOTA|MANTENIMIENTO|GASTOS|CARGO POR SERVICIO|ANUALIDAD|COMMISSION|FEE)\b/;
const INTEREST_RE = /\b(INTERESES?|INTERES|INTEREST|RENDIMIENTOS?)\b/;
const TAX_RE = /\b(IVA|ISR|IEPS|IMPUESTOS?|RETENCION(ES)?|AEAT|HACIENDA|SAT|MODELO \d{3}|TGSS|SEGURIDAD SOCIAL|IMSS|INFONAVIT|TAX)\b/;
const TRANSFER_RE = /\b(TRASPASO|TRASP|ENTRE CUENTAS|CUENTA PROPIA|CTA PROPIA|MISMO TITULAR|PROPIAS|OWN ACCOUNT|LIQUIDACION TARJETA|LIQ TARJETA|PAGO TARJETA|PAGO TDC|PAGO A TARJETA)\b/;
const CARD_RE = /\b(TARJETA|TARJ|TDC|VISA|MASTERCARD|AMEX)\b/;

/** What the text says about the line's nature (bank charge, interest, tax, transfer, card). */
export function textHints(description: string): TextHints {
  return foldedHints(foldText(description));
}

/** `textHints` of a text already folded with `foldText`. */
export function foldedHints(t: string): TextHints {
  return {
    bankCharge: CHARGE_RE.test(t),
    interest: INTEREST_RE.test(t),
    tax: TAX_RE.test(t),
    transfer: TRANSFER_RE.test(t),
    card: CARD_RE.test(t),
  };
}
