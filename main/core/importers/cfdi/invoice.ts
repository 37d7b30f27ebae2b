/**
 * Invoices (TipoDeComprobante I) and credit notes (E) → BookItem. The item's amount is always
 * the XML's own Total; the SAT identity
 *   Total = SubTotal − Descuento + TotalImpuestosTrasladados − TotalImpuestosRetenidos
 *           + implocal TotaldeTraslados − implocal TotaldeRetenciones
 * is checked at 2 decimals and a mismatch is a warning with both figures.
 */
import { ParseError } from '../errors.js';
import { currencyExponent } from '../money.js';
import type { BookItem } from '../books-types.js';
import type { Counterparty } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { equalAt, formatDec, formatUnits, subDec, sumDec, type Dec } from './decimal.js';
import type { CfdiHeader, Party } from './header.js';
import { NS, amountOf, attr, decOf, kid, kids, normalizeUuid, note, requireAttr, signed, type DocContext } from './values.js';

type CfdiInfo = NonNullable<BookItem['cfdi']>;
type Concept = NonNullable<CfdiInfo['concepts']>[number];

/** Longest description kept (concept descriptions joined). */
const MAX_DESCRIPTION = 500;

interface Figures {
  subtotal: Dec | null;
  discount: Dec | null;
  transferred: Dec | null;
  withheld: Dec | null;
  localTransferred: Dec | null;
  localWithheld: Dec | null;
  total: Dec | null;
}

/** A tax total: the attribute when present, else the sum of the listed taxes' Importe. */
function taxTotal(ctx: DocContext, impuestos: XmlElement | undefined, attrName: string, group: string, item: string): Dec | null {
  if (!impuestos) return null;
  const declared = attr(impuestos, attrName);
  if (declared !== undefined) return decOf(ctx, declared, attrName, impuestos.line);
  const listed = kids(ctx, impuestos, ctx.cfdNs, group).flatMap((g) => kids(ctx, g, ctx.cfdNs, item));
  if (listed.length === 0) return null;
  const values = listed.map((t) => decOf(ctx, attr(t, 'Importe'), `${item} Importe`, t.line));
  note(ctx, 'info', 'cfdi_tax_total_summed', `Impuestos has ${group} but no ${attrName}; the listed amounts were added up.`, impuestos.line);
  return values.every((v): v is Dec => v !== null) ? sumDec(values) : null;
}

/** implocal:ImpuestosLocales of the Complemento (local taxes such as a hotel's ISH, inside Total). */
function localTaxes(ctx: DocContext, root: XmlElement, header: CfdiHeader): { transferred: Dec | null; withheld: Dec | null } {
  const complements = kids(ctx, root, ctx.cfdNs, 'Complemento');
  for (const c of complements) {
    for (const stray of c.children.filter((k) => k.name === 'ImpuestosLocales' && ctx.ns.get(k) !== NS.implocal)) {
      note(ctx, 'warning', 'cfdi_unknown_namespace',
        `The ${header.label} has ImpuestosLocales in namespace "${ctx.ns.get(stray) ?? '(none)'}" instead of ${NS.implocal}; its local taxes were ignored.`, stray.line);
    }
  }
  const local = complements.flatMap((c) => kids(ctx, c, NS.implocal, 'ImpuestosLocales'))[0];
  if (!local) return { transferred: null, withheld: null };
  return {
    transferred: decOf(ctx, attr(local, 'TotaldeTraslados'), 'TotaldeTraslados', local.line),
    withheld: decOf(ctx, attr(local, 'TotaldeRetenciones'), 'TotaldeRetenciones', local.line),
  };
}

/** The document's figures as exact decimals (null when absent or unreadable). */
function readFigures(ctx: DocContext, root: XmlElement, header: CfdiHeader): Figures {
  const impuestos = kid(ctx, root, ctx.cfdNs, 'Impuestos');
  const local = localTaxes(ctx, root, header);
  return {
    subtotal: decOf(ctx, attr(root, 'SubTotal'), 'SubTotal', root.line),
    discount: decOf(ctx, attr(root, 'Descuento'), 'Descuento', root.line),
    transferred: taxTotal(ctx, impuestos, 'TotalImpuestosTrasladados', 'Traslados', 'Traslado'),
    withheld: taxTotal(ctx, impuestos, 'TotalImpuestosRetenidos', 'Retenciones', 'Retencion'),
    localTransferred: local.transferred,
    localWithheld: local.withheld,
    total: decOf(ctx, attr(root, 'Total'), 'Total', root.line),
  };
}

const ZERO: Dec = { units: 0n, scale: 0 };
const show = (d: Dec | null): string => formatDec(d ?? ZERO, 2);

/** Check Total against its parts at 2 decimals; a mismatch is a warning naming every figure. */
function checkTotal(ctx: DocContext, f: Figures, header: CfdiHeader): void {
  if (f.subtotal === null || f.total === null) {
    note(ctx, 'warning', 'cfdi_total_unchecked', `The ${header.label} has no readable SubTotal; its Total could not be checked.`, header.line);
    return;
  }
  const plus = sumDec([f.subtotal, f.transferred ?? ZERO, f.localTransferred ?? ZERO]);
  const minus = sumDec([f.discount ?? ZERO, f.withheld ?? ZERO, f.localWithheld ?? ZERO]);
  const computed = subDec(plus, minus);
  if (equalAt(computed, f.total, 2)) return;
  const local = f.localTransferred !== null || f.localWithheld !== null
    ? ` + local taxes ${show(f.localTransferred)} − local withholdings ${show(f.localWithheld)}` : '';
  note(ctx, 'warning', 'cfdi_total_mismatch',
    `The ${header.label} does not add up: SubTotal ${show(f.subtotal)} − Descuento ${show(f.discount)} + taxes ${show(f.transferred)} − withholdings ${show(f.withheld)}${local} = ${show(computed)}, but its Total is ${show(f.total)}. The item keeps the XML's Total.`,
    header.line);
}

/** Concept lines; Σ Importe must round to SubTotal and Σ Descuento to Descuento (currency decimals). */
function readConcepts(ctx: DocContext, root: XmlElement, header: CfdiHeader, f: Figures): Concept[] {
  const els = kids(ctx, root, ctx.cfdNs, 'Conceptos').flatMap((c) => kids(ctx, c, ctx.cfdNs, 'Concepto'));
  const concepts: Concept[] = [];
  const amounts: Dec[] = [];
  const discounts: Dec[] = [];
  let readable = true;
  for (const el of els) {
    const amount = decOf(ctx, attr(el, 'Importe'), 'Concepto Importe', el.line);
    const discount = decOf(ctx, attr(el, 'Descuento'), 'Concepto Descuento', el.line);
    if (amount === null) readable = false;
    else amounts.push(amount);
    if (discount !== null) discounts.push(discount);
    const productCode = attr(el, 'ClaveProdServ');
    concepts.push({
      description: attr(el, 'Descripcion') ?? '',
      amount: amount === null ? '' : formatDec(amount, 6),
      ...(productCode !== undefined ? { productCode } : {}),
      ...(discount !== null ? { discount: formatDec(discount, 6) } : {}),
    });
  }
  const decimals = currencyExponent(header.currency);
  if (readable && els.length > 0 && f.subtotal !== null && !equalAt(sumDec(amounts), f.subtotal, decimals)) {
    note(ctx, 'warning', 'cfdi_subtotal_mismatch',
      `The concepts of the ${header.label} add up to ${formatDec(sumDec(amounts), 6)}, which does not round to its SubTotal ${formatDec(f.subtotal, decimals)}.`, header.line);
  }
  if (discounts.length > 0 || f.discount !== null) {
    const sum = sumDec(discounts);
    if (!equalAt(sum, f.discount ?? ZERO, decimals)) {
      note(ctx, 'warning', 'cfdi_discount_mismatch',
        `The concept discounts of the ${header.label} add up to ${formatDec(sum, 6)}, but its Descuento is ${show(f.discount)}.`, header.line);
    }
  }
  return concepts;
}

/** CfdiRelacionados (one group in 3.3, several in 4.0): relation type and related UUIDs. */
function readRelated(ctx: DocContext, root: XmlElement): Array<{ type: string; uuid: string }> {
  return kids(ctx, root, ctx.cfdNs, 'CfdiRelacionados').flatMap((group) =>
    kids(ctx, group, ctx.cfdNs, 'CfdiRelacionado').flatMap((r) => {
      const raw = attr(r, 'UUID');
      return raw === undefined ? [] : [{ type: attr(group, 'TipoRelacion') ?? '', uuid: normalizeUuid(ctx, raw, 'CfdiRelacionado UUID', r.line) }];
    }),
  );
}

/** Minor units of a figure (unsigned), or null. */
function minorOf(ctx: DocContext, d: Dec | null, header: CfdiHeader, label: string): number | null {
  return d === null ? null : amountOf(ctx, formatUnits(d.units, d.scale), header.currency, label, header.line);
}

const asCounterparty = (p: Party): Counterparty => (p.name !== undefined ? { name: p.name, taxId: p.rfc } : { taxId: p.rfc });

/** Build the BookItem of an I or E document. Throws ParseError when Total is unreadable. */
export function buildInvoice(ctx: DocContext, root: XmlElement, header: CfdiHeader): BookItem {
  const totalText = requireAttr(root, 'Total', `The ${header.label}`);
  const total = amountOf(ctx, totalText, header.currency, `The Total of the ${header.label}`, header.line);
  if (total === null) throw new ParseError('cfdi_bad_total', `The ${header.label} has Total "${totalText}", which is not an amount.`, header.line);
  const figures = readFigures(ctx, root, header);
  checkTotal(ctx, figures, header);
  const concepts = readConcepts(ctx, root, header, figures);
  const related = readRelated(ctx, root);

  const method = attr(root, 'MetodoPago');
  if (method !== undefined && method !== 'PUE' && method !== 'PPD') {
    note(ctx, 'warning', 'cfdi_unknown_payment_method', `The ${header.label} has MetodoPago "${method}"; Cuadra knows PUE and PPD.`, header.line);
  }
  const paymentForm = attr(root, 'FormaPago');
  const credit = header.type === 'E';
  const sign = header.direction === 'unknown' ? 1 : (header.direction === 'issued') !== credit ? 1 : -1;
  const amount = { minor: signed(sign, total), currency: header.currency };
  const other = header.direction === 'issued' ? header.receiver : header.issuer;
  const description = concepts.map((c) => c.description).filter((d) => d !== '').join('; ').slice(0, MAX_DESCRIPTION);
  const subtotal = minorOf(ctx, figures.subtotal, header, 'SubTotal');
  const cfdi: CfdiInfo = {
    uuid: header.uuid,
    version: header.version,
    issuerRfc: header.issuer.rfc,
    receiverRfc: header.receiver.rfc,
    type: header.type,
    direction: header.direction,
    currency: header.currency,
    concepts,
    ...(header.issuer.name !== undefined ? { issuerName: header.issuer.name } : {}),
    ...(header.receiver.name !== undefined ? { receiverName: header.receiver.name } : {}),
    ...(method === 'PUE' || method === 'PPD' ? { paymentMethod: method } : {}),
    ...(paymentForm !== undefined ? { paymentForm } : {}),
    ...(header.exchangeRate !== undefined ? { exchangeRate: header.exchangeRate } : {}),
    ...(header.series !== undefined ? { series: header.series } : {}),
    ...(header.folio !== undefined ? { folio: header.folio } : {}),
    ...(related.length > 0 ? { related } : {}),
    ...(subtotal !== null ? {
      totals: {
        subtotal,
        discount: minorOf(ctx, figures.discount, header, 'Descuento'),
        taxesTransferred: minorOf(ctx, figures.transferred, header, 'TotalImpuestosTrasladados'),
        taxesWithheld: minorOf(ctx, figures.withheld, header, 'TotalImpuestosRetenidos'),
        localTaxesTransferred: minorOf(ctx, figures.localTransferred, header, 'TotaldeTraslados'),
        localTaxesWithheld: minorOf(ctx, figures.localWithheld, header, 'TotaldeRetenciones'),
        total,
      },
    } : {}),
  };
  return {
    id: header.uuid === '' ? null : header.uuid,
    kind: credit ? 'credit_note' : 'invoice',
    documentNumber: header.documentNumber,
    date: header.date,
    dueDate: null,
    amount,
    openAmount: { ...amount },
    description: description === '' ? header.label : description,
    counterparty: asCounterparty(other),
    paymentReference: header.uuid === '' ? header.documentNumber : header.uuid,
    cfdi,
    sourceLine: header.line,
  };
}
