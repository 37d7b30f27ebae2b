// Table-driven: each payment pattern an accountant meets, and what the engine must propose.
import { describe, expect, it } from 'vitest';
import { reconcile, renderReason } from '../../main/core/matching/index.js';
import type { DifferenceTreatment, MatchBankLine, MatchBookItem, MatchInput, MatchParameterOverrides, MatchResult, ProposalKind, ProposalStatus, UnmatchedTreatment } from '../../main/core/matching/index.js';
import { invoice, line, proposalFor, sorted } from './support.js';

interface Expect {
  bank: string[];
  /** Omitted with `unmatched`. */
  books?: string[];
  status?: ProposalStatus | 'unmatched';
  kind?: ProposalKind;
  treatment?: DifferenceTreatment;
  difference?: number;
  allocations?: Record<string, number>;
  suggested?: UnmatchedTreatment | null;
  reason?: string;
}

interface Case {
  name: string;
  lines: MatchBankLine[];
  items: MatchBookItem[];
  input?: Partial<MatchInput>;
  params?: MatchParameterOverrides;
  expect: Expect[];
}

const CARD = { accountId: 'CARD' };
const EUR_USD = [{ from: 'USD', to: 'EUR', date: '2024-03-01', rate: 0.92 }];

const cases: Case[] = [
  {
    name: 'one transfer pays two invoices net of a credit note',
    lines: [line('b1', '2024-03-15', 170_000, 'TRANSFERENCIA DE CONSTRUCCIONES PEREZ E HIJOS')],
    items: [
      invoice('i1', '2024-02-10', 100_000, 'Construcciones Pérez e Hijos, S.A.', { documentNumber: 'A-2024-000101' }),
      invoice('i2', '2024-02-20', 90_000, 'Construcciones Pérez e Hijos, S.A.', { documentNumber: 'A-2024-000102' }),
      invoice('cn', '2024-02-25', -20_000, 'Construcciones Pérez e Hijos, S.A.', { kind: 'credit_note', dueDate: null, documentNumber: 'R-2024-7' }),
      invoice('x', '2024-02-25', 170_000, 'Transportes Martínez Ruiz SL', { documentNumber: 'A-2024-000103' }),
    ],
    expect: [{ bank: ['b1'], books: ['i1', 'i2', 'cn'], kind: 'combination', difference: 0, allocations: { i1: 100_000, i2: 90_000, cn: -20_000 }, reason: 'credit_note_netted' }],
  },
  {
    name: 'a payment short by a bank fee within tolerance',
    lines: [line('b1', '2024-03-15', 99_250, 'TRANSFERENCIA DE TALLERES RUIZ FRA 2024/77')],
    items: [invoice('i1', '2024-03-01', 100_000, 'Talleres Ruiz, S.L.', { documentNumber: 'A-2024-000077' })],
    expect: [{ bank: ['b1'], books: ['i1'], treatment: 'fee', difference: -750, kind: 'reference', status: 'auto_approved' }],
  },
  {
    name: 'a short payment above the fee tolerance but within the percent tolerance is a write-off',
    lines: [line('b1', '2024-03-15', 996_000, 'TRANSFERENCIA DE TALLERES RUIZ FRA 2024/78')],
    items: [invoice('i1', '2024-03-01', 1_000_000, 'Talleres Ruiz, S.L.', { documentNumber: 'A-2024-000078' })],
    expect: [{ bank: ['b1'], books: ['i1'], treatment: 'write_off', difference: -4_000 }],
  },
  {
    name: 'no match when the payment is short beyond every tolerance',
    lines: [line('b1', '2024-03-15', 99_000, 'TRANSFERENCIA DE TALLERES RUIZ')],
    items: [invoice('i1', '2024-03-01', 100_000, 'Talleres Ruiz, S.L.')],
    params: { feeToleranceMinor: 500, tolerancePercent: 0.1 },
    expect: [{ bank: ['b1'], status: 'unmatched' }],
  },
  {
    name: 'two items of the same amount told apart by the counterparty',
    lines: [line('b1', '2024-03-15', 50_000, 'TRANSFERENCIA DE PAPELERIA GOMEZ')],
    items: [
      invoice('i1', '2024-03-01', 50_000, 'Ferretería La Llave, S.L.'),
      invoice('i2', '2024-03-01', 50_000, 'Papelería Gómez, S.A.'),
    ],
    expect: [{ bank: ['b1'], books: ['i2'], kind: 'exact', status: 'auto_approved' }],
  },
  {
    name: 'a true tie (same counterparty, amount and dates) goes to review with the other as alternative',
    lines: [line('b1', '2024-03-15', 50_000, 'TRANSFERENCIA DE PAPELERIA GOMEZ')],
    items: [invoice('i1', '2024-03-01', 50_000, 'Papelería Gómez, S.A.'), invoice('i2', '2024-03-01', 50_000, 'Papelería Gómez, S.A.')],
    expect: [{ bank: ['b1'], status: 'pending_review', reason: 'tie' }],
  },
  {
    name: 'a card-account credit and the checking debit days later are one transfer',
    lines: [
      line('c1', '2024-03-05', 123_456, 'PAGO RECIBIDO GRACIAS', CARD),
      line('d1', '2024-03-08', -123_456, 'LIQUIDACION TARJETA CREDITO 4152XXXXXXXX1234'),
    ],
    items: [invoice('s1', '2024-03-01', -123_456, 'Suministros Levante SL')],
    input: { ownAccounts: [{ accountId: 'A', iban: 'ES9121000418450200051332' }, { accountId: 'CARD', kind: 'card' }] },
    expect: [{ bank: ['c1', 'd1'], books: [], kind: 'transfer', reason: 'own_account_transfer' }],
  },
  {
    name: 'one payment settles an invoice in full and another pays part of a second',
    lines: [
      line('p1', '2024-03-10', 80_000, 'TRANSFERENCIA DE DISTRIBUCIONES LEVANTE FRA 2024/201'),
      line('p2', '2024-03-12', 100_000, 'TRANSFERENCIA DE DISTRIBUCIONES LEVANTE A CUENTA FRA 2024/200'),
    ],
    items: [
      invoice('x', '2024-02-01', 300_000, 'Distribuciones Levante, S.L.', { documentNumber: 'A-2024-000200' }),
      invoice('y', '2024-02-05', 80_000, 'Distribuciones Levante, S.L.', { documentNumber: 'A-2024-000201' }),
    ],
    expect: [
      { bank: ['p1'], books: ['y'], kind: 'reference', difference: 0, allocations: { y: 80_000 } },
      { bank: ['p2'], books: ['x'], kind: 'reference', difference: 0, allocations: { x: 100_000 }, reason: 'partial_payment' },
    ],
  },
  {
    name: 'an invoice in USD paid from a EUR account at the day rate',
    lines: [line('b1', '2024-03-12', -92_130, 'TRANSFERENCIA A IMPORTADORA DEL GOLFO FACTURA INV-5521')],
    items: [invoice('u1', '2024-02-20', -100_000, 'Importadora del Golfo, S.A. de C.V.', { currency: 'USD', documentNumber: 'INV-5521' })],
    params: { fxRates: EUR_USD },
    expect: [{ bank: ['b1'], books: ['u1'], treatment: 'fx', difference: -130, allocations: { u1: -100_000 }, reason: 'fx_conversion' }],
  },
  {
    name: 'three instalments pay one invoice',
    lines: [
      line('b1', '2024-03-01', 50_000, 'TRANSFERENCIA DE HERMANOS SOLER 1/3 FRA 2024/300'),
      line('b2', '2024-03-15', 50_000, 'TRANSFERENCIA DE HERMANOS SOLER 2/3 FRA 2024/300'),
      line('b3', '2024-03-29', 50_000, 'TRANSFERENCIA DE HERMANOS SOLER 3/3 FRA 2024/300'),
    ],
    items: [invoice('i1', '2024-02-20', 150_000, 'Hermanos Soler, S.L.', { documentNumber: 'F-2024-000300' })],
    expect: [{ bank: ['b1', 'b2', 'b3'], books: ['i1'], kind: 'combination', reason: 'instalments' }],
  },
  {
    name: 'a deposit is never offered an outgoing item',
    lines: [line('b1', '2024-03-15', 25_000, 'TRANSFERENCIA DE TALLERES RUIZ')],
    items: [invoice('i1', '2024-03-01', -25_000, 'Talleres Ruiz, S.L.')],
    expect: [{ bank: ['b1'], status: 'unmatched' }],
  },
  {
    name: 'a learned alias names the counterparty behind a trade name',
    lines: [line('b1', '2024-03-15', 43_210, 'TRANSFERENCIA DE BAR EL RINCON')],
    items: [invoice('i1', '2024-03-01', 43_210, 'Hostelería Rincón Madrid, S.L.'), invoice('i2', '2024-03-02', 43_210, 'Muebles Ortega SA')],
    input: { aliases: [{ bankText: 'BAR EL RINCON', counterpartyName: 'Hostelería Rincón Madrid, S.L.' }] },
    expect: [{ bank: ['b1'], books: ['i1'], reason: 'alias_match' }],
  },
  {
    name: 'a pair a person rejected is lowered and never auto-approved',
    lines: [line('b1', '2024-03-15', 50_000, 'TRANSFERENCIA DE PAPELERIA GOMEZ FRA 2024/55')],
    items: [invoice('i2', '2024-03-01', 50_000, 'Papelería Gómez, S.A.', { documentNumber: 'A-2024-000055' })],
    input: { rejectedPairs: [{ bankId: 'b1', bookId: 'i2' }] },
    expect: [{ bank: ['b1'], books: ['i2'], status: 'pending_review', reason: 'rejected_before' }],
  },
  {
    name: 'lines with nothing in the books get a suggested treatment',
    lines: [
      line('f1', '2024-03-31', -1_250, 'COMISION MANTENIMIENTO'),
      line('n1', '2024-03-31', 312, 'LIQUIDACION INTERESES'),
      line('t1', '2024-03-20', -250_000, 'IMPUESTO MODELO 303 AEAT'),
      line('o1', '2024-03-20', -500_000, 'TRASPASO A CTA PROPIA'),
    ],
    items: [],
    expect: [
      { bank: ['f1'], status: 'unmatched', suggested: 'bank_charge' },
      { bank: ['n1'], status: 'unmatched', suggested: 'interest' },
      { bank: ['t1'], status: 'unmatched', suggested: 'tax' },
      { bank: ['o1'], status: 'unmatched', suggested: 'transfer' },
    ],
  },
];

function check(result: MatchResult, e: Expect): void {
  const p = proposalFor(result, e.bank[0] ?? '');
  if (e.status === 'unmatched') {
    expect(p, 'no proposal').toBeUndefined();
    const u = result.unmatchedBank.find((x) => x.bankId === e.bank[0]);
    expect(u).toBeDefined();
    if (e.suggested !== undefined) expect(u?.suggestedTreatment).toBe(e.suggested);
    return;
  }
  expect(p, `a proposal for ${e.bank.join('+')}`).toBeDefined();
  if (!p) return;
  expect(sorted(p.bankIds)).toEqual(sorted(e.bank));
  if (e.books) expect(sorted(p.bookIds)).toEqual(sorted(e.books));
  if (e.status) expect(p.status).toBe(e.status);
  if (e.kind) expect(p.kind).toBe(e.kind);
  if (e.treatment) expect(p.differenceTreatment).toBe(e.treatment);
  if (e.difference !== undefined) expect(p.differenceMinor).toBe(e.difference);
  if (e.allocations) expect(Object.fromEntries(p.allocations.map((a) => [a.bookId, a.amountMinor]))).toEqual(e.allocations);
  if (e.reason) expect(p.reasons.map((r) => r.code)).toContain(e.reason);
  for (const r of p.reasons) expect(renderReason(r)).toMatch(/\S/);
  expect(p.confidence).toBeGreaterThanOrEqual(0);
  expect(p.confidence).toBeLessThanOrEqual(1);
}

describe('matching patterns', () => {
  it.each(cases)('$name', (c) => {
    const result = reconcile({ bankLines: c.lines, bookItems: c.items, ...c.input }, c.params ?? {});
    for (const e of c.expect) check(result, e);
  });

  it('leaves the rest of a partly paid invoice open, and a tied alternative is offered', () => {
    const partial = cases.find((c) => c.name.startsWith('one payment settles'));
    const tie = cases.find((c) => c.name.startsWith('a true tie'));
    if (!partial || !tie) throw new Error('cases missing');
    const r = reconcile({ bankLines: partial.lines, bookItems: partial.items });
    expect(r.openBooks).toEqual([{ bookId: 'x', amountMinor: 200_000 }]);
    const t = reconcile({ bankLines: tie.lines, bookItems: tie.items });
    const p = proposalFor(t, 'b1');
    expect(p?.alternatives.map((a) => a.bookIds)).toEqual([[p?.bookIds[0] === 'i1' ? 'i2' : 'i1']]);
  });

  it('uses a CFDI payment complement as strong evidence of exact allocations', () => {
    const u1 = '11111111-2222-4333-A444-555555555555';
    const u2 = '66666666-7777-4888-A999-AAAAAAAAAAAA';
    const mx = (id: string, amount: number, uuid: string): MatchBookItem => ({ ...invoice(id, '2024-02-01', amount, 'Comercializadora del Bajío, S.A. de C.V.'), currency: 'MXN', cfdiUuid: uuid });
    const result = reconcile({
      bankLines: [line('s1', '2024-03-04', 1_500_000, 'SPEI RECIBIDO BANORTE CVE RASTREO MBAN01002403040099', { currency: 'MXN', references: ['MBAN01002403040099'] })],
      bookItems: [mx('m1', 1_000_000, u1), mx('m2', 800_000, u2)],
      payments: [{
        id: 'C#1', complementUuid: 'C', date: '2024-03-04', amount: { minor: 1_500_000, currency: 'MXN' }, operationNumber: 'MBAN01002403040099',
        allocations: [
          { invoiceUuid: u1, amountPaid: { minor: 1_000_000, currency: 'MXN' }, previousBalance: null, remainingBalance: null, installment: 1 },
          { invoiceUuid: u2.toLowerCase(), amountPaid: { minor: 500_000, currency: 'MXN' }, previousBalance: null, remainingBalance: null, installment: 1 },
        ],
      }],
    });
    const p = proposalFor(result, 's1');
    expect(p?.status).toBe('auto_approved');
    expect(p?.reasons.map((r) => r.code)).toContain('payment_complement');
    expect(Object.fromEntries(p?.allocations.map((a) => [a.bookId, a.amountMinor]) ?? [])).toEqual({ m1: 1_000_000, m2: 500_000 });
    expect(result.openBooks).toEqual([{ bookId: 'm2', amountMinor: 300_000 }]);
  });
});
