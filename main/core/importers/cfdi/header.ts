/**
 * What every CFDI carries whatever its type: version, type, the SAT stamp's UUID, issuer and
 * receiver, Serie/Folio, date, currency, and which side of it the company is on.
 */
import { ParseError } from '../errors.js';
import { isWellFormedRfc } from '../tax-ids.js';
import type { XmlElement } from '../xml-safety.js';
import { NS, attr, caseHint, dateOf, kid, kids, normalizeUuid, note, requireAttr, type DocContext } from './values.js';

/** CFDI document types (c_TipoDeComprobante). */
export type CfdiType = 'I' | 'E' | 'T' | 'N' | 'P';

export interface Party {
  rfc: string;
  name?: string;
}

export interface CfdiHeader {
  version: '3.3' | '4.0';
  type: CfdiType;
  /** Upper case; '' when the document has no TimbreFiscalDigital. */
  uuid: string;
  issuer: Party;
  receiver: Party;
  series?: string;
  folio?: string;
  /** "Serie-Folio", "Folio" or "Serie", or null when the document has neither. */
  documentNumber: string | null;
  date: string;
  currency: string;
  exchangeRate?: string;
  direction: 'issued' | 'received' | 'unknown';
  /** Whether the direction is unknown because no company RFC was given (not because it is not a party). */
  noCompany: boolean;
  /** How messages name the document: "CFDI O-52375239 (UUID C283…)". */
  label: string;
  line: number;
}

const TYPES: readonly string[] = ['I', 'E', 'T', 'N', 'P'];

/** Read an RFC, normalized to upper case, warning when it is not RFC-shaped. */
function partyOf(ctx: DocContext, el: XmlElement, what: string): Party {
  const rfc = requireAttr(el, 'Rfc', what).toUpperCase();
  if (!isWellFormedRfc(rfc)) {
    note(ctx, 'warning', 'cfdi_bad_rfc', `${what} RFC "${rfc}" does not have the shape of an RFC (3–4 letters, YYMMDD, 3 characters).`, el.line);
  }
  const name = attr(el, 'Nombre');
  return name === undefined ? { rfc } : { rfc, name };
}

/** The stamp's UUID (upper case), or '' with a warning when the document was never stamped. */
function stampUuid(ctx: DocContext, root: XmlElement, what: string): string {
  const stamps = kids(ctx, root, ctx.cfdNs, 'Complemento').flatMap((c) => kids(ctx, c, NS.tfd, 'TimbreFiscalDigital'));
  const first = stamps[0];
  if (!first) {
    note(ctx, 'warning', 'cfdi_unstamped',
      `${what} has no TimbreFiscalDigital: it was not stamped by the SAT (a draft or a copy without the stamp), so it has no UUID that payment receipts or the bank could refer to.`, root.line);
    return '';
  }
  if (stamps.length > 1) note(ctx, 'warning', 'cfdi_several_stamps', `${what} has ${stamps.length} TimbreFiscalDigital; the first is used.`, stamps[1]?.line);
  return normalizeUuid(ctx, requireAttr(first, 'UUID', 'The TimbreFiscalDigital'), 'The stamp UUID', first.line);
}

/** Read the common header of a Comprobante. `company` is the company's RFC (upper case) or undefined. */
export function readHeader(ctx: DocContext, root: XmlElement, version: '3.3' | '4.0', company: string | undefined): CfdiHeader {
  const rawType = requireAttr(root, 'TipoDeComprobante', 'The CFDI');
  if (!TYPES.includes(rawType)) {
    throw new ParseError('cfdi_unknown_type', `The CFDI has TipoDeComprobante "${rawType}"; Cuadra knows I, E, T, N and P.`, root.line);
  }
  const type = rawType as CfdiType;
  const series = attr(root, 'Serie');
  const folio = attr(root, 'Folio');
  const documentNumber = series !== undefined && folio !== undefined ? `${series}-${folio}` : (folio ?? series ?? null);
  const provisional = `The CFDI${documentNumber ? ` ${documentNumber}` : ''}`;
  const uuid = stampUuid(ctx, root, provisional);
  const label = `CFDI ${[documentNumber, uuid ? `(UUID ${uuid})` : ''].filter(Boolean).join(' ') || 'without Serie, Folio or UUID'}`;

  const fecha = requireAttr(root, 'Fecha', `The ${label}`);
  const date = dateOf(fecha);
  if (date === null) throw new ParseError('cfdi_bad_date', `The ${label} has Fecha "${fecha}", which is not a date-time.`, root.line);

  let currency = attr(root, 'Moneda');
  if (currency === undefined) {
    note(ctx, 'warning', 'cfdi_no_currency', `The ${label} has no Moneda${caseHint(root, 'Moneda')}; MXN is assumed.`, root.line);
    currency = 'MXN';
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ParseError('cfdi_bad_currency', `The ${label} has Moneda "${currency}", which is not an ISO 4217 code.`, root.line);
  }
  const emisor = kid(ctx, root, ctx.cfdNs, 'Emisor');
  const receptor = kid(ctx, root, ctx.cfdNs, 'Receptor');
  if (!emisor || !receptor) {
    throw new ParseError('cfdi_missing_party', `The ${label} has no ${emisor ? 'Receptor' : 'Emisor'}.`, root.line);
  }
  const issuer = partyOf(ctx, emisor, 'The issuer (Emisor)');
  const receiver = partyOf(ctx, receptor, 'The receiver (Receptor)');
  let direction: CfdiHeader['direction'] = 'unknown';
  if (company !== undefined) {
    if (issuer.rfc === company) direction = 'issued';
    else if (receiver.rfc === company) direction = 'received';
    else if (type !== 'T' && type !== 'N') {
      // (traslados and payroll are only noted, so whose they are does not matter)
      note(ctx, 'warning', 'cfdi_company_not_party',
        `The company's RFC ${company} is neither the issuer (${issuer.rfc}) nor the receiver (${receiver.rfc}) of the ${label}; its direction is unknown and its amount is shown unsigned.`, root.line);
    }
  }
  const exchangeRate = attr(root, 'TipoCambio');
  return {
    version, type, uuid, issuer, receiver, documentNumber, date, currency, direction,
    noCompany: company === undefined, label, line: root.line,
    ...(series !== undefined ? { series } : {}),
    ...(folio !== undefined ? { folio } : {}),
    ...(exchangeRate !== undefined ? { exchangeRate } : {}),
  };
}

