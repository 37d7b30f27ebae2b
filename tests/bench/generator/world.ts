/**
 * The state of a generated month while it is being written: accounts, counterparties with the
 * way their banks write them, invoice numbering, FX rates, and the growing lists of bank lines,
 * items, payment complements and ground truth.
 */
import type { PaymentEvidence } from '../../../main/core/importers/books-types.js';
import type { FxRate, LearnedAlias, MatchBankLine, MatchBookItem, OwnAccount } from '../../../main/core/matching/types.js';
import { bankName, type DocNumber, type WrittenPayment } from './bank-text.js';
import { makeCompanyName, makeParties, type GenParty } from './names.js';
import type { Rng } from './random.js';

/** The kind of real-world event a true match comes from. */
export type Pattern = 'simple' | 'fee' | 'retainer' | 'group' | 'instal' | 'partial' | 'fx' | 'transfer' | 'ledger' | 'complement';

/** One true match: these bank lines pay these items (no items for a transfer). */
export interface TruthMatch {
  bankIds: string[];
  bookIds: string[];
  pattern: Pattern;
}

/** A counterparty plus how the banks write it. */
export interface WorldParty extends GenParty {
  index: number;
  bankNames: [string, string];
  numbering: string;
}

const DAY = 86_400_000;

const LEDGER_NAMES = ['Iberdrola Clientes, S.A.U.', 'Telefónica de España, S.A.U.', 'Endesa Energía, S.A.', 'Mapfre España, S.A.', 'Vodafone España, S.A.U.', 'Canal de Isabel II, S.A.', 'Comisión Federal de Electricidad', 'Teléfonos de México, S.A.B. de C.V.', 'Arrendamientos Castellana, S.L.'];

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Accounts of the generated company: Spanish EUR, a card, Mexican MXN and a USD account. */
export const ACCOUNTS = {
  es1: { accountId: 'ES-1', iban: 'ES9121000418450200051332', currency: 'EUR', country: 'ES' },
  es2: { accountId: 'ES-2', iban: 'ES7100302053091234567895', currency: 'EUR', country: 'ES' },
  card: { accountId: 'ES-CARD', iban: undefined, currency: 'EUR', country: 'ES' },
  mx1: { accountId: 'MX-1', iban: undefined, currency: 'MXN', country: 'MX' },
  mx2: { accountId: 'MX-2', iban: undefined, currency: 'MXN', country: 'MX' },
} as const;

/** One account of the generated company. */
export type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

/** Mutable builder state (see the file comment). */
export class World {
  readonly lines: MatchBankLine[] = [];
  readonly items: MatchBookItem[] = [];
  readonly payments: PaymentEvidence[] = [];
  readonly truth: TruthMatch[] = [];
  readonly aliases: LearnedAlias[] = [];
  readonly fxRates: FxRate[] = [];
  readonly parties: WorldParty[];
  readonly es: WorldParty[];
  readonly mx: WorldParty[];
  /** Recurring suppliers paid by direct debit and booked in the bank ledger (utilities, rent, insurance). */
  readonly ledgerNames: string[];
  readonly ownAccounts: OwnAccount[] = Object.values(ACCOUNTS).map((a) => ({
    accountId: a.accountId, kind: a.accountId === 'ES-CARD' ? 'card' : 'current', ...(a.iban ? { iban: a.iban } : {}),
  }));
  private seq = 0;
  private invoiceSeq = 100;
  private uuidSeq = 0;

  constructor(readonly rng: Rng, readonly start: string, readonly days: number, partyCount: number) {
    this.parties = makeParties(rng, partyCount, 0.4).map((p, index) => ({
      ...p, index, bankNames: [bankName(rng, p), bankName(rng, p)],
      numbering: rng.pick(['FAC-', 'F', 'INV-', '', 'B/{Y}/', 'FV-', 'A{Y}-']),
    }));
    this.ledgerNames = [...LEDGER_NAMES, ...Array.from({ length: Math.max(10, Math.round(partyCount / 40)) }, () => makeCompanyName(rng, rng.chance(0.6) ? 'ES' : 'MX'))];
    this.es = this.parties.filter((p) => p.country === 'ES');
    this.mx = this.parties.filter((p) => p.country === 'MX');
    for (const p of this.parties) if (p.tradeName && rng.chance(0.5)) this.aliases.push({ bankText: p.bankNames[0], counterpartyName: p.legalName });
    let usdEur = 0.92;
    let usdMxn = 17.1;
    for (let d = -120; d < days + 5; d++) {
      usdEur *= 1 + (rng.next() - 0.5) * 0.006;
      usdMxn *= 1 + (rng.next() - 0.5) * 0.008;
      const date = addDays(start, d);
      this.fxRates.push({ from: 'USD', to: 'EUR', date, rate: Number(usdEur.toFixed(6)) }, { from: 'USD', to: 'MXN', date, rate: Number(usdMxn.toFixed(6)) });
    }
  }

  /** The rate of `from` → `to` on an ISO date (from the generated table). */
  rate(from: string, to: string, date: string): number {
    const d = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${this.start}T00:00:00Z`)) / DAY) + 120;
    const r = this.fxRates[Math.max(0, Math.min(this.fxRates.length - 2, d * 2 + (to === 'EUR' ? 0 : 1)))];
    return r?.from === from && r.to === to ? r.rate : 1;
  }

  /** A payment day inside the period. */
  payDay(): string {
    return addDays(this.start, this.rng.int(0, this.days - 1));
  }

  /** A counterparty of a country, sometimes one of the many that pay round, recurring amounts. */
  party(country: 'ES' | 'MX'): WorldParty {
    return this.rng.pick(country === 'ES' ? this.es : this.mx);
  }

  /** The next invoice number of `party` (ours for customers, theirs for suppliers). */
  docNumber(party: WorldParty, incoming: boolean, year: string): DocNumber {
    const num = this.invoiceSeq++;
    if (incoming) {
      const series = party.country === 'MX' ? 'A' : this.rng.pick(['A', 'FV', 'F']);
      return { text: party.country === 'MX' ? `${series}-${num}` : `${series}-${year}-${String(num).padStart(6, '0')}`, series, year, num };
    }
    const prefix = party.numbering.replace('{Y}', year);
    const digits = this.rng.chance(0.5) ? String(num).padStart(7, '0') : String(num);
    const series = /^[A-Z]+$/.test(prefix.replace(/[-/]/g, '').replace(/\d/g, '')) ? prefix.replace(/[^A-Z]/g, '') : '';
    return { text: `${prefix}${digits}`, series, year, num };
  }

  /** A new random CFDI UUID. */
  uuid(): string {
    const hex = (n: number): string => Array.from({ length: n }, () => '0123456789ABCDEF'[this.rng.int(0, 15)]).join('');
    this.uuidSeq++;
    return `${hex(8)}-${hex(4)}-4${hex(3)}-A${hex(3)}-${hex(12)}`;
  }

  /** Add an open item and return it. */
  addItem(item: Omit<MatchBookItem, 'id'>): MatchBookItem {
    const full: MatchBookItem = { id: `i${String(this.items.length + 1).padStart(7, '0')}`, ...item };
    this.items.push(full);
    return full;
  }

  /** Add a bank line and return it. */
  addLine(account: Account, date: string, amountMinor: number, written: WrittenPayment, extra: Partial<MatchBankLine> = {}): MatchBankLine {
    const line: MatchBankLine = {
      id: `b${String(++this.seq).padStart(7, '0')}`, accountId: account.accountId, bookingDate: date, valueDate: date,
      amountMinor, currency: account.currency, description: written.description, references: written.references, ...extra,
    };
    if (written.counterpartyName !== undefined) line.counterpartyName = written.counterpartyName;
    if (written.counterpartyTaxId !== undefined) line.counterpartyTaxId = written.counterpartyTaxId;
    this.lines.push(line);
    return line;
  }

  /** Record a true match. */
  match(lines: readonly MatchBankLine[], items: readonly MatchBookItem[], pattern: Pattern): void {
    this.truth.push({ bankIds: lines.map((l) => l.id), bookIds: items.map((i) => i.id), pattern });
  }
}
