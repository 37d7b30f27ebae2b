/**
 * Payment complements (TipoDeComprobante P) → PaymentEvidence, one per Pago: the bank
 * movement (FechaPago, Monto in MonedaP, FormaDePagoP, NumOperacion, accounts) and what it
 * paid (DoctoRelacionado: IdDocumento, ImpPagado in the invoice's currency, balances).
 *
 * Pagos 1.0 (namespace …/Pagos, CFDI 3.3) and 2.0 (…/Pagos20, CFDI 4.0) differ in attribute
 * names, read case-sensitively: 1.0 has TipoCambioDR and MetodoDePagoDR and makes ImpPagado,
 * ImpSaldoAnt, ImpSaldoInsoluto and NumParcialidad optional; 2.0 has EquivalenciaDR and
 * ObjetoImpDR and requires them. 1.0's TipoCambioDR is defined like EquivalenciaDR (invoice
 * units per payment unit) but was often written inverted (the peso rate of a USD invoice paid
 * in MXN): when only that reading adds up to Monto, `equivalence` holds its inverse and an
 * info diagnostic says so; `exchangeRateDR` always keeps the value as written.
 */
import type { PaymentEvidence } from '../books-types.js';
import type { Money } from '../types.js';
import type { XmlElement } from '../xml-safety.js';
import { checkAllocations, type AllocationFigures } from './allocation-check.js';
import { equalAt, formatDec, invertDec, parseDec, subDec, type Dec } from './decimal.js';
import type { CfdiHeader } from './header.js';
import { NS, amountOf, attr, caseHint, dateOf, kids, normalizeUuid, note, signed, type DocContext } from './values.js';

type Allocation = PaymentEvidence['allocations'][number];

interface DraftAllocation {
  allocation: Allocation;
  figures: AllocationFigures | null;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Largest number of decimals accepted in a rate (EquivalenciaDR allows 10). */
const MAX_RATE_DECIMALS = 10;

/** A positive rate, or null with a warning. */
function rateOf(ctx: DocContext, text: string | undefined, label: string, line: number): Dec | null {
  if (text === undefined) return null;
  const d = parseDec(text);
  if (d === null || d.units <= 0n || d.scale > MAX_RATE_DECIMALS) {
    note(ctx, 'warning', 'cfdi_bad_rate', `${label} "${text}" is not a positive rate with at most ${MAX_RATE_DECIMALS} decimals; the allocation check was skipped.`, line);
    return null;
  }
  return d;
}

/** One DoctoRelacionado → allocation (signed like the payment), or null with an error diagnostic. */
function readAllocation(ctx: DocContext, el: XmlElement, pago: { v: '1.0' | '2.0'; currency: string; monto: string; single: boolean; sign: number; label: string }): DraftAllocation | null {
  const rawId = attr(el, 'IdDocumento');
  if (rawId === undefined) {
    note(ctx, 'error', 'cfdi_allocation_unreadable', `A DoctoRelacionado of ${pago.label} has no IdDocumento${caseHint(el, 'IdDocumento')}; it was left out.`, el.line);
    return null;
  }
  const invoiceUuid = normalizeUuid(ctx, rawId, 'IdDocumento', el.line, pago.v === '1.0');
  let currency = attr(el, 'MonedaDR');
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    note(ctx, 'warning', 'cfdi_allocation_currency', `The DoctoRelacionado ${invoiceUuid} has MonedaDR "${currency ?? ''}"; the payment currency ${pago.currency} is assumed.`, el.line);
    currency = pago.currency;
  }
  const rateName = pago.v === '2.0' ? 'EquivalenciaDR' : 'TipoCambioDR';
  const rateText = attr(el, rateName);
  const otherName = pago.v === '2.0' ? 'TipoCambioDR' : 'EquivalenciaDR';
  if (rateText === undefined && attr(el, otherName) !== undefined) {
    note(ctx, 'warning', 'cfdi_pagos_attribute_version', `The DoctoRelacionado ${invoiceUuid} has ${otherName}, which is not a Pagos ${pago.v} attribute (Pagos ${pago.v} writes ${rateName}); it was ignored.`, el.line);
  }
  let paidText = attr(el, 'ImpPagado');
  if (paidText === undefined && pago.v === '1.0' && pago.single && rateText === undefined) {
    // Pagos 1.0: ImpPagado may be omitted when one document receives the whole payment.
    note(ctx, 'info', 'cfdi_imppagado_inferred', `The DoctoRelacionado ${invoiceUuid} has no ImpPagado; as the only document of the payment it receives the whole Monto.`, el.line);
    paidText = pago.monto;
  }
  const paid = paidText === undefined ? null : amountOf(ctx, paidText, currency, `ImpPagado of ${invoiceUuid}`, el.line);
  if (paidText === undefined || paid === null) {
    if (paidText === undefined) note(ctx, 'error', 'cfdi_allocation_unreadable', `The DoctoRelacionado ${invoiceUuid} has no ImpPagado${caseHint(el, 'ImpPagado')}; it was left out.`, el.line);
    return null;
  }
  const money = (text: string | undefined, label: string): Money | null => {
    const minor = text === undefined ? null : amountOf(ctx, text, currency, `${label} of ${invoiceUuid}`, el.line);
    return minor === null ? null : { minor: signed(pago.sign, minor), currency };
  };
  const before = attr(el, 'ImpSaldoAnt');
  const after = attr(el, 'ImpSaldoInsoluto');
  checkBalance(ctx, { before, paid: paidText, after, invoiceUuid, currency, line: el.line });
  const installmentText = attr(el, 'NumParcialidad');
  const installment = installmentText !== undefined && /^\d{1,9}$/.test(installmentText) ? Number(installmentText) : null;
  if (installmentText !== undefined && installment === null) {
    note(ctx, 'warning', 'cfdi_bad_installment', `NumParcialidad "${installmentText}" of ${invoiceUuid} is not a number.`, el.line);
  }
  const series = attr(el, 'Serie');
  const folio = attr(el, 'Folio');
  const converted = currency !== pago.currency;
  const rate = rateOf(ctx, rateText, rateName, el.line);
  const paidDec = parseDec(paidText);
  const allocation: Allocation = {
    invoiceUuid,
    amountPaid: { minor: signed(pago.sign, paid), currency },
    previousBalance: money(before, 'ImpSaldoAnt'),
    remainingBalance: money(after, 'ImpSaldoInsoluto'),
    installment,
    ...(rateText !== undefined ? (pago.v === '2.0' ? { equivalence: rateText } : { equivalence: rateText, exchangeRateDR: rateText }) : {}),
    ...(series !== undefined ? { series } : {}),
    ...(folio !== undefined ? { folio } : {}),
  };
  if (converted && rate === null) {
    if (rateText === undefined) note(ctx, 'warning', 'cfdi_equivalence_missing', `The DoctoRelacionado ${invoiceUuid} is in ${currency} but the payment in ${pago.currency}, and it has no ${rateName}; the allocation check was skipped.`, el.line);
    return { allocation, figures: null };
  }
  return { allocation, figures: paidDec === null ? null : { paid: paidDec, converted, rate } };
}

/** ImpSaldoAnt − ImpPagado must equal ImpSaldoInsoluto (in the invoice's currency). */
function checkBalance(ctx: DocContext, b: { before: string | undefined; paid: string; after: string | undefined; invoiceUuid: string; currency: string; line: number }): void {
  if (b.before === undefined || b.after === undefined) return;
  const before = parseDec(b.before);
  const paid = parseDec(b.paid);
  const after = parseDec(b.after);
  if (!before || !paid || !after) return;
  const computed = subDec(before, paid);
  if (equalAt(computed, after, Math.max(before.scale, paid.scale, after.scale, 2))) return;
  note(ctx, 'warning', 'cfdi_balance_mismatch',
    `For invoice ${b.invoiceUuid}: ImpSaldoAnt ${b.before} − ImpPagado ${b.paid} = ${formatDec(computed, Math.max(2, computed.scale))} ${b.currency}, but ImpSaldoInsoluto is ${b.after}.`, b.line);
}

/** One Pago → PaymentEvidence, or null (error diagnostic) when the movement itself is unreadable. */
function readPago(ctx: DocContext, el: XmlElement, index: number, v: '1.0' | '2.0', header: CfdiHeader, sign: number): PaymentEvidence | null {
  const key = header.uuid !== '' ? header.uuid : `${header.issuer.rfc}:${header.documentNumber ?? header.date}`;
  const label = `payment ${index} of the ${header.label}`;
  const date = dateOf(attr(el, 'FechaPago'));
  const currency = attr(el, 'MonedaP');
  const montoText = attr(el, 'Monto');
  const missing = date === null ? 'FechaPago' : currency === undefined || !/^[A-Z]{3}$/.test(currency) ? 'MonedaP' : montoText === undefined ? 'Monto' : null;
  if (missing !== null || date === null || currency === undefined || montoText === undefined) {
    note(ctx, 'error', 'cfdi_payment_unreadable', `${cap(label)} has no valid ${missing ?? 'Monto'}${caseHint(el, missing ?? 'Monto')}; it was left out.`, el.line);
    return null;
  }
  const monto = amountOf(ctx, montoText, currency, `Monto of ${label}`, el.line);
  if (monto === null) return null;
  if (monto === 0) note(ctx, 'warning', 'cfdi_payment_zero', `${cap(label)} has Monto 0.`, el.line);
  const docs = kids(ctx, el, v === '2.0' ? NS.pagos20 : NS.pagos10, 'DoctoRelacionado');
  const pago = { v, currency, monto: montoText, single: docs.length === 1, sign, label };
  const drafts = docs.map((d) => readAllocation(ctx, d, pago)).filter((d): d is DraftAllocation => d !== null);
  const montoDec = parseDec(montoText);
  const figures = drafts.map((d) => d.figures);
  if (montoDec !== null && drafts.length > 0 && figures.every((f): f is AllocationFigures => f !== null)) {
    const outcome = checkAllocations(montoDec, currency, figures, v === '1.0');
    if (outcome.fits === 'multiply') {
      note(ctx, 'info', 'cfdi_pagos10_inverse_rate',
        `The TipoCambioDR values of ${label} add up to its Monto only when read the other way round (payment-currency units per invoice unit, not the schema's invoice units per payment unit); their inverse is used as the equivalence.`, el.line);
      for (const d of drafts) {
        const rate = d.figures?.rate;
        if (d.figures?.converted && rate) d.allocation.equivalence = invertDec(rate, MAX_RATE_DECIMALS);
      }
    } else if (outcome.fits === null) {
      note(ctx, 'warning', outcome.over ? 'cfdi_payment_overallocated' : 'cfdi_payment_unallocated',
        `${cap(label)} is ${montoText} ${currency}, but its documents received ${outcome.allocated} ${currency} (Σ ImpPagado${drafts.some((d) => d.figures?.converted) ? ` / ${v === '2.0' ? 'EquivalenciaDR' : 'TipoCambioDR'}` : ''})${outcome.over ? ': more than was paid' : ': part of the payment is not allocated to any invoice'}.`, el.line);
    }
  }
  const opt = (name: string): string | undefined => attr(el, name);
  const fields: Array<[keyof PaymentEvidence, string | undefined]> = [
    ['exchangeRate', opt('TipoCambioP')], ['paymentForm', opt('FormaDePagoP')], ['operationNumber', opt('NumOperacion')],
    ['payerRfc', opt('RfcEmisorCtaOrd')], ['payerAccount', opt('CtaOrdenante')], ['payeeRfc', opt('RfcEmisorCtaBen')],
    ['payeeAccount', opt('CtaBeneficiario')], ['payerBankName', opt('NomBancoOrdExt')],
    ['issuerName', header.issuer.name], ['receiverName', header.receiver.name],
  ];
  const evidence: PaymentEvidence = {
    id: `${key}#${index}`,
    complementUuid: header.uuid,
    date,
    amount: { minor: signed(sign, monto), currency },
    complementVersion: v,
    issuerRfc: header.issuer.rfc,
    receiverRfc: header.receiver.rfc,
    direction: header.direction,
    sourceLine: el.line,
    allocations: drafts.map((d) => d.allocation),
  };
  for (const [k, value] of fields) if (value !== undefined) Object.assign(evidence, { [k]: value });
  return evidence;
}

/** Every Pago of a P document's Pagos complement (1.0 or 2.0). */
export function buildPayments(ctx: DocContext, root: XmlElement, header: CfdiHeader): PaymentEvidence[] {
  const complements = kids(ctx, root, ctx.cfdNs, 'Complemento');
  const found = complements.flatMap((c) => [
    ...kids(ctx, c, NS.pagos10, 'Pagos').map((el) => ({ el, v: '1.0' as const })),
    ...kids(ctx, c, NS.pagos20, 'Pagos').map((el) => ({ el, v: '2.0' as const })),
  ]);
  if (found.length === 0) {
    const stray = complements.flatMap((c) => c.children).find((k) => k.name === 'Pagos');
    const why = stray ? `its Pagos element is in namespace "${ctx.ns.get(stray) ?? '(none)'}", not ${NS.pagos10} or ${NS.pagos20}` : 'it has no Pagos complement';
    note(ctx, 'warning', 'cfdi_payment_without_complement', `The ${header.label} is a payment receipt (type P) but ${why}; no payment was read.`, header.line);
    return [];
  }
  if (attr(root, 'Total') !== undefined && parseDec(attr(root, 'Total') ?? '')?.units !== 0n) {
    note(ctx, 'warning', 'cfdi_payment_total', `The ${header.label} is a payment receipt but its Total is ${attr(root, 'Total') ?? ''} (it should be 0); the payments are read from its complement.`, header.line);
  }
  const sign = header.direction === 'received' ? -1 : 1;
  const out: PaymentEvidence[] = [];
  let index = 0;
  for (const { el, v } of found) {
    const expected = header.version === '4.0' ? '2.0' : '1.0';
    if (v !== expected) {
      note(ctx, 'warning', 'cfdi_pagos_version', `The ${header.label} is CFDI ${header.version} but carries Pagos ${v} (CFDI ${header.version} uses Pagos ${expected}); it was read as Pagos ${v}.`, el.line);
    }
    for (const pago of kids(ctx, el, v === '2.0' ? NS.pagos20 : NS.pagos10, 'Pago')) {
      index++;
      const evidence = readPago(ctx, pago, index, v, header, sign);
      if (evidence) out.push(evidence);
    }
  }
  return out;
}
