/**
 * The events of a generated month, each writing bank lines, items and the ground truth:
 * ordinary payments, fees deducted, recurring round amounts, grouped payments with credit notes,
 * instalments, partial payments, FX payments, own-account transfers, ledger entries, CFDI payment
 * complements, and lines with no books counterpart at all.
 */
import type { MatchBookItem } from '../../../main/core/matching/types.js';
import { cardMask, writePayment, writeReference, writeReferences, type DocNumber } from './bank-text.js';
import { ACCOUNTS, addDays, type Account, type World, type WorldParty } from './world.js';

const ROUND_EUR = [10000, 20000, 25000, 30000, 50000, 60000, 100000, 120000, 150000, 200000, 250000, 300000];

function accountOf(w: World, party: WorldParty): Account {
  return party.country === 'ES' ? (w.rng.chance(0.75) ? ACCOUNTS.es1 : ACCOUNTS.es2) : (w.rng.chance(0.8) ? ACCOUNTS.mx1 : ACCOUNTS.mx2);
}

function amountFor(w: World, currency: string): number {
  if (currency === 'EUR' && w.rng.chance(0.12)) return w.rng.pick(ROUND_EUR);
  if (currency === 'MXN' && w.rng.chance(0.12)) return w.rng.pick(ROUND_EUR) * 10;
  return currency === 'MXN' ? w.rng.logAmount(50_000, 50_000_000) : currency === 'USD' ? w.rng.logAmount(10_000, 2_000_000) : w.rng.logAmount(3_000, 6_000_000);
}

/** Invoice dates that make sense for a payment on `payDay` (mostly paid around the due date). */
function invoiceDates(w: World, payDay: string): { date: string; dueDate: string } {
  const r = w.rng.next();
  const lag = r < 0.6 ? w.rng.int(20, 75) : r < 0.92 ? w.rng.int(0, 20) : w.rng.int(75, 110);
  const date = addDays(payDay, -lag);
  const term = w.rng.pick([0, 30, 30, 60]);
  const due = term > lag + 25 ? 0 : term;
  return { date, dueDate: addDays(date, due) };
}

function newInvoice(w: World, party: WorldParty, incoming: boolean, amount: number, currency: string, payDay: string, kind: MatchBookItem['kind'] = 'invoice'): { item: MatchBookItem; doc: DocNumber } {
  const { date, dueDate } = invoiceDates(w, payDay);
  const doc = w.docNumber(party, incoming, date.slice(0, 4));
  const item = w.addItem({
    kind, date, dueDate: kind === 'credit_note' ? null : dueDate, openAmountMinor: (incoming ? 1 : -1) * amount * (kind === 'credit_note' ? -1 : 1),
    currency, counterpartyName: party.legalName, documentNumber: doc.text,
  });
  if (w.rng.chance(0.55)) item.taxId = party.taxId;
  if (party.country === 'MX') item.cfdiUuid = w.uuid();
  if (incoming && party.country === 'ES' && w.rng.chance(0.05)) item.paymentReference = creditorRef(doc.num);
  return { item, doc };
}

/** A valid ISO 11649 RF reference for a number. */
function creditorRef(num: number): string {
  const body = `INV${num}`;
  const numeric = `${body}RF00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return `RF${String(98 - rest).padStart(2, '0')}${body}`;
}

function refChance(party: WorldParty, incoming: boolean): number {
  return party.country === 'ES' ? (incoming ? 0.5 : 0.6) : incoming ? 0.45 : 0.55;
}

function nameFor(w: World, party: WorldParty): string {
  if (w.rng.chance(0.04)) return '';
  return w.rng.chance(0.85) ? party.bankNames[0] : party.bankNames[1];
}

function payLine(w: World, party: WorldParty, account: Account, date: string, amount: number, incoming: boolean, ref: string): ReturnType<World['addLine']> {
  const written = writePayment(w.rng, party, nameFor(w, party), incoming, ref, account.country);
  return w.addLine(account, date, incoming ? amount : -amount, written);
}

/** One payment of one invoice: exactly, with a fee deducted, or of one of several identical recurring invoices. */
export function simplePayment(w: World, variant: 'simple' | 'fee' | 'retainer'): void {
  const party = w.party(variant === 'fee' ? 'ES' : w.rng.chance(0.6) ? 'ES' : 'MX');
  const account = accountOf(w, party);
  const incoming = variant === 'fee' || w.rng.chance(0.55);
  const day = w.payDay();
  const amount = amountFor(w, account.currency);
  const { item, doc } = newInvoice(w, party, incoming, amount, account.currency, day);
  if (variant === 'retainer') {
    // The same fee every month: the other months are open too.
    for (const k of [1, 2]) if (w.rng.chance(0.7)) {
      const other = newInvoice(w, party, incoming, amount, account.currency, addDays(day, 30 * k * (w.rng.chance(0.5) ? 1 : -1)));
      other.item.date = addDays(item.date, 30 * k * (w.rng.chance(0.5) ? 1 : -1));
      other.item.dueDate = other.item.date;
    }
  }
  let paid = amount;
  if (variant === 'fee') paid = amount - w.rng.int(100, 1200);
  else if (w.rng.chance(0.03)) paid = amount + w.rng.pick([-1, 1]);
  const ref = w.rng.chance(refChance(party, incoming)) ? (item.paymentReference && w.rng.chance(0.7) ? item.paymentReference : writeReference(w.rng, doc)) : '';
  w.match([payLine(w, party, account, day, paid, incoming, ref)], [item], variant);
}

/** One payment of several invoices of a counterparty, sometimes net of a credit note. */
export function groupedPayment(w: World): void {
  const party = w.party(w.rng.chance(0.6) ? 'ES' : 'MX');
  const account = accountOf(w, party);
  const incoming = w.rng.chance(0.6);
  const day = w.payDay();
  const n = w.rng.int(2, 5);
  const invoices = Array.from({ length: n }, () => newInvoice(w, party, incoming, amountFor(w, account.currency), account.currency, day));
  const items = invoices.map((x) => x.item);
  let total = items.reduce((s, i) => s + Math.abs(i.openAmountMinor), 0);
  if (w.rng.chance(0.3)) {
    const credit = newInvoice(w, party, incoming, Math.round(Math.abs(items[0]?.openAmountMinor ?? 0) * w.rng.int(5, 30) / 100), account.currency, day, 'credit_note');
    items.push(credit.item);
    total -= Math.abs(credit.item.openAmountMinor);
  }
  const ref = w.rng.chance(0.45) ? writeReferences(w.rng, invoices.map((x) => x.doc)) : '';
  w.match([payLine(w, party, account, day, total, incoming, ref)], items, 'group');
}

/** One invoice paid in two or three instalments within the period. */
export function instalments(w: World): void {
  const party = w.party(w.rng.chance(0.6) ? 'ES' : 'MX');
  const account = accountOf(w, party);
  const incoming = w.rng.chance(0.7);
  const first = addDays(w.start, w.rng.int(0, Math.max(1, w.days - 40)));
  const amount = Math.max(60_000, amountFor(w, account.currency));
  const { item, doc } = newInvoice(w, party, incoming, amount, account.currency, first);
  const parts = w.rng.int(2, 3);
  const unit = account.currency === 'MXN' ? 10_000 : 1_000;
  const lines = [];
  let left = amount;
  for (let k = 0; k < parts; k++) {
    const part = k === parts - 1 ? left : Math.round((amount / parts) / unit) * unit;
    left -= part;
    const ref = w.rng.chance(0.5) ? writeReference(w.rng, doc) : '';
    lines.push(payLine(w, party, account, addDays(first, k * w.rng.int(10, 18)), part, incoming, ref));
  }
  w.match(lines, [item], 'instal');
}

/** A payment on account of an invoice that stays partly open. */
export function partialPayment(w: World): void {
  const party = w.party(w.rng.chance(0.6) ? 'ES' : 'MX');
  const account = accountOf(w, party);
  const incoming = w.rng.chance(0.7);
  const day = w.payDay();
  const amount = Math.max(50_000, amountFor(w, account.currency));
  const { item, doc } = newInvoice(w, party, incoming, amount, account.currency, day);
  const unit = account.currency === 'MXN' ? 100_000 : 1_000;
  const paid = Math.max(unit, Math.round((amount * w.rng.int(20, 70)) / 100 / unit) * unit);
  const ref = w.rng.chance(0.6) ? writeReference(w.rng, doc) : '';
  w.match([payLine(w, party, account, day, paid, incoming, ref)], [item], 'partial');
}

/** A USD invoice paid from a EUR or MXN account at the day's rate plus the bank's spread. */
export function fxPayment(w: World): void {
  const party = w.party(w.rng.chance(0.5) ? 'ES' : 'MX');
  const account = party.country === 'ES' ? ACCOUNTS.es1 : ACCOUNTS.mx1;
  const incoming = w.rng.chance(0.4);
  const day = w.payDay();
  const usd = amountFor(w, 'USD');
  const { item, doc } = newInvoice(w, party, incoming, usd, 'USD', day);
  const paid = Math.round(usd * w.rate('USD', account.currency, day) * (1 + (w.rng.next() - 0.5) * 0.02));
  const ref = w.rng.chance(refChance(party, incoming)) ? writeReference(w.rng, doc) : '';
  w.match([payLine(w, party, account, day, paid, incoming, ref)], [item], 'fx');
}

/** A move between own accounts: the debit in one, the credit in the other 0–5 days later. */
export function ownTransfer(w: World): void {
  const kind = w.rng.weighted({ card: 0.25, es: 0.45, mx: 0.3 });
  const [from, to] = kind === 'card' ? [ACCOUNTS.es1, ACCOUNTS.card] : kind === 'es' ? (w.rng.chance(0.5) ? [ACCOUNTS.es1, ACCOUNTS.es2] : [ACCOUNTS.es2, ACCOUNTS.es1]) : [ACCOUNTS.mx1, ACCOUNTS.mx2];
  const day = w.payDay();
  // Sweeps between current accounts are often round (1,000.00 to 50,000.00), card settlements never.
  const amount = kind !== 'card' && w.rng.chance(0.5) ? w.rng.int(1, 50) * 100_000 * (from.currency === 'MXN' ? 10 : 1) : w.rng.logAmount(5_000, from.currency === 'MXN' ? 20_000_000 : 2_000_000);
  const quiet = w.rng.chance(0.12);
  const outText = quiet ? 'TRANSFERENCIA EMITIDA' : kind === 'card' ? `LIQUIDACION TARJETA CREDITO ${cardMask(w.rng)}` : w.rng.pick(['TRASPASO A CTA PROPIA', 'TRASPASO ENTRE CUENTAS', 'TRANSFERENCIA A CUENTA PROPIA', 'SPEI ENVIADO TRASPASO PROPIAS']);
  const inText = kind === 'card' ? w.rng.pick(['PAGO RECIBIDO GRACIAS', 'ABONO LIQUIDACION TARJETA', 'PAGO TARJETA']) : quiet ? 'ABONO TRANSFERENCIA' : w.rng.pick(['TRASPASO DE CTA PROPIA', 'TRASPASO ENTRE CUENTAS', 'ABONO TRASPASO']);
  const ibanOut = to.iban && w.rng.chance(0.5) ? { counterpartyIban: to.iban } : {};
  const a = w.addLine(from, day, -amount, { description: outText, references: [] }, ibanOut);
  const b = w.addLine(to, addDays(day, w.rng.int(0, kind === 'card' ? 5 : 2)), amount, { description: inText, references: [] });
  w.match([a, b], [], 'transfer');
}

/** A movement already booked in the bank ledger (direct debits, rent, payroll): the ledger entry is the item. */
export function ledgerEntry(w: World): void {
  const mx = w.rng.chance(0.3);
  const account = mx ? ACCOUNTS.mx1 : ACCOUNTS.es1;
  const name = w.rng.chance(0.3) ? w.rng.pick(w.ledgerNames.slice(0, 9)) : w.rng.pick(w.ledgerNames);
  const day = w.payDay();
  const amount = (amountFor(w, account.currency) % 200_000) + 1_500;
  const item = w.addItem({ kind: 'ledger_entry', date: addDays(day, w.rng.int(-3, 2)), dueDate: null, openAmountMinor: -amount, currency: account.currency });
  if (w.rng.chance(0.7)) item.counterpartyName = name;
  if (w.rng.chance(0.3)) item.documentNumber = `REC-${w.rng.int(100000, 999999)}`;
  const text = `${w.rng.pick(['RECIBO', 'ADEUDO', 'CARGO DOMICILIADO'])} ${name.toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[,.]/g, '').slice(0, 30)}`;
  w.match([w.addLine(account, day, -amount, { description: `${text}${item.documentNumber && w.rng.chance(0.5) ? ` ${item.documentNumber}` : ''}`, references: [] })], [item], 'ledger');
}

/** A Mexican customer pays PPD invoices and issues the CFDI payment complement for it. */
export function complementPayment(w: World): void {
  const party = w.party('MX');
  const account = ACCOUNTS.mx1;
  const day = w.payDay();
  const invoices = Array.from({ length: w.rng.int(1, 3) }, () => newInvoice(w, party, true, amountFor(w, 'MXN'), 'MXN', day).item);
  const partial = invoices.length === 1 && w.rng.chance(0.3);
  const paidEach = invoices.map((i) => (partial ? Math.round(i.openAmountMinor / 2) : i.openAmountMinor));
  const total = paidEach.reduce((s, x) => s + x, 0);
  const written = writePayment(w.rng, party, nameFor(w, party), true, '', 'MX');
  const line = w.addLine(account, day, total, written);
  const complementUuid = w.uuid();
  w.payments.push({
    id: `${complementUuid}#1`, complementUuid, date: day, amount: { minor: total, currency: 'MXN' },
    ...(w.rng.chance(0.8) && written.references[0] ? { operationNumber: written.references[0] } : {}),
    payerRfc: party.taxId,
    allocations: invoices.map((i, k) => ({
      invoiceUuid: i.cfdiUuid ?? '', amountPaid: { minor: paidEach[k] ?? 0, currency: 'MXN' }, previousBalance: { minor: i.openAmountMinor, currency: 'MXN' },
      remainingBalance: { minor: i.openAmountMinor - (paidEach[k] ?? 0), currency: 'MXN' }, installment: 1,
    })),
  });
  w.match([line], invoices, 'complement');
}

/** A line with nothing in the books: charges, interest, taxes, payroll, card spending, unknown receipts. */
export function bankOnly(w: World): void {
  const mx = w.rng.chance(0.35);
  const account = mx ? ACCOUNTS.mx1 : w.rng.chance(0.8) ? ACCOUNTS.es1 : ACCOUNTS.card;
  const day = w.payDay();
  const kind = w.rng.weighted({ fee: 0.25, interest: 0.08, tax: 0.12, card: 0.25, unknownIn: 0.15, payroll: 0.15 });
  const scale = mx ? 10 : 1;
  const text = kind === 'fee' ? w.rng.pick(['COMISION MANTENIMIENTO', 'COMISION TRANSFERENCIA', 'COM. SERVICIO BANCA ELECTRONICA', 'CUOTA TARJETA'])
    : kind === 'interest' ? w.rng.pick(['LIQUIDACION INTERESES', 'INTERESES A SU FAVOR'])
      : kind === 'tax' ? (mx ? 'PAGO REFERENCIADO SAT ISR' : w.rng.pick(['IMPUESTO MODELO 303 AEAT', 'SEGUROS SOCIALES TGSS', 'IMPUESTO MODELO 111 AEAT']))
        : kind === 'card' ? `COMPRA TARJ ${cardMask(w.rng)} ${w.rng.pick(['AMAZON EU', 'REPSOL', 'MERCADONA', 'OXXO', 'EL CORTE INGLES', 'RENFE VIAJEROS'])}`
          : kind === 'payroll' ? `NOMINA ${w.party(mx ? 'MX' : 'ES').bankNames[0].split(' ').slice(0, 2).join(' ')}`
            : `TRANSFERENCIA DE ${w.party(mx ? 'MX' : 'ES').bankNames[1]}`;
  const amount = kind === 'fee' ? w.rng.int(150, 6000) * scale : kind === 'interest' ? w.rng.int(5, 5000) * scale : amountFor(w, account.currency);
  const signed = kind === 'interest' || kind === 'unknownIn' ? amount : -amount;
  w.addLine(account, day, signed, { description: text, references: [] });
}

/** An open item nobody paid yet (both sides have unmatched entries). */
export function openItem(w: World): void {
  const party = w.party(w.rng.chance(0.6) ? 'ES' : 'MX');
  const currency = party.country === 'ES' ? 'EUR' : 'MXN';
  newInvoice(w, party, w.rng.chance(0.6), amountFor(w, currency), currency, w.payDay());
}
