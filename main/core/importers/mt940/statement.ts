/**
 * Turns one SWIFT message (MT940 page or MT942 interim report) into a normalized Statement.
 * Sign rules: C positive, D negative; reversals RD positive (a debit undone) and RC negative
 * (a credit undone), flagged `reversal`. MT942 lines are provisional.
 */
import type { Balance, Diagnostic, Statement, StatementLine } from '../types.js';
import { resolveMonthDay } from '../dates.js';
import { isValidIban, normalizeIban } from '../iban.js';
import { makeBankIdsUnique } from '../line-helpers.js';
import type { SwiftMessage, TagField } from './envelope.js';
import { joinWrapped, parseDetails } from './details.js';
import {
  parseAccount,
  parseBalance,
  parseDateTimeIndication,
  parseEntrySum,
  parseFloorLimit,
  parseStatementLine,
  swiftAmount,
  swiftDate,
} from './fields.js';

/** True when the message is an MT942 interim report (block 2 type, or :34F: / :13D: without :60F:). */
export function isInterimReport(message: SwiftMessage): boolean {
  if (message.blockType === '942') return true;
  if (message.blockType === '940') return false;
  const tags = new Set(message.fields.map((f) => f.tag));
  return (tags.has('34F') || tags.has('13D') || tags.has('90D') || tags.has('90C')) && !tags.has('60F') && !tags.has('60M');
}

interface PendingLine {
  line: StatementLine;
  details: string[];
  supplementary: string;
  extraName: string | null;
}

const KNOWN_TAGS = new Set(['20', '21', '25', '28', '28C', '60F', '60M', '60', '61', '86', '62F', '62M', '62', '64', '65', '34F', '13D', '13', '90D', '90C', 'NS']);

/** Build a Statement from one message; null when it holds nothing statement-like. */
export function buildStatement(message: SwiftMessage, diagnostics: Diagnostic[]): Statement | null {
  const interim = isInterimReport(message);
  const first = (tag: string): TagField | undefined => message.fields.find((f) => f.tag === tag);
  const value = (f: TagField | undefined): string => (f?.lines[0] ?? '').trim();

  const accountField = first('25');
  const account = accountField ? parseAccount(value(accountField)) : {};
  if (!accountField) {
    diagnostics.push({ level: 'warning', code: 'missing_account', message: `Line ${message.line}: the statement has no account (:25:).`, line: message.line });
  }
  const balanceOf = (tags: string[]): Balance | null => {
    const f = message.fields.find((x) => tags.includes(x.tag));
    return f ? parseBalance(value(f), f.line, f.tag, diagnostics) : null;
  };
  const openingBalance = balanceOf(['60F', '60M', '60']);
  const closingBalance = balanceOf(['62F', '62M', '62']);
  const available = balanceOf(['64']);
  const forward = message.fields.filter((f) => f.tag === '65').map((f) => parseBalance(value(f), f.line, f.tag, diagnostics));
  const floorCurrency = parseFloorLimit(value(first('34F')));
  const reportDate = first('13D') ? parseDateTimeIndication(value(first('13D'))) : null;
  const sums = { D: parseEntrySum(value(first('90D'))), C: parseEntrySum(value(first('90C'))) };

  const currency =
    openingBalance?.amount.currency ?? closingBalance?.amount.currency ?? floorCurrency ?? account.currency ??
    sums.D?.currency ?? sums.C?.currency ?? null;
  if (currency === null && message.fields.some((f) => f.tag === '61')) {
    diagnostics.push({ level: 'warning', code: 'unknown_currency', message: `Line ${message.line}: the statement names no currency; amounts were read with 2 decimals.`, line: message.line });
  }
  const lineCurrency = currency ?? 'XXX';
  const fallbackDate = closingBalance?.date ?? openingBalance?.date ?? reportDate ?? null;

  const lines: StatementLine[] = [];
  const infoParts: string[] = [];
  let pending: PendingLine | null = null;
  let previousTag = '';
  const flush = (): void => {
    if (pending) lines.push(finishLine(pending));
    pending = null;
  };
  for (const f of message.fields) {
    if (f.tag === '61') {
      flush();
      pending = readLine(f, lineCurrency, fallbackDate, interim, diagnostics);
    } else if (f.tag === '86') {
      if (pending && (previousTag === '61' || previousTag === '86')) pending.details.push(...f.lines);
      else infoParts.push(joinWrapped(f.lines));
    } else {
      flush();
      if (!KNOWN_TAGS.has(f.tag)) {
        diagnostics.push({ level: 'info', code: 'unknown_tag', message: `Line ${f.line}: tag :${f.tag}: is not part of MT940/MT942 and was ignored.`, line: f.line });
      }
    }
    // A :61: that could not be read leaves no pending line: its :86: must not attach elsewhere.
    previousTag = f.tag === '61' && !pending ? '' : f.tag;
  }
  flush();
  makeBankIdsUnique(lines, diagnostics, ':61: bank reference');

  if (!accountField && !openingBalance && !closingBalance && lines.length === 0) return null;
  if (currency !== null && !account.currency) account.currency = currency;
  const information = infoParts.filter((s) => s !== '').join(' ');
  const statementNumber = value(first('28C') ?? first('28'));
  const reference = value(first('20'));
  const controlTotals = interim && (sums.D || sums.C) ? entrySumsToTotals(sums, lines, lineCurrency, diagnostics) : null;
  const periodFrom = openingBalance?.date ?? lines[0]?.valueDate ?? reportDate ?? undefined;
  const periodTo = closingBalance?.date ?? reportDate ?? undefined;
  const forwardBalances = forward.filter((b): b is Balance => b !== null);
  return {
    account,
    openingBalance,
    closingBalance,
    controlTotals,
    ...(statementNumber || reference ? { statementId: statementNumber || reference } : {}),
    ...(periodFrom ? { periodFrom } : {}),
    ...(periodTo ? { periodTo } : {}),
    lines,
    balanceChecked: null,
    ...(available ? { availableBalance: available } : {}),
    ...(forwardBalances.length > 0 ? { forwardAvailableBalances: forwardBalances } : {}),
    ...(information ? { information } : {}),
    sourceLine: message.line,
  };
}

function readLine(f: TagField, currency: string, fallbackDate: string | null, interim: boolean, diagnostics: Diagnostic[]): PendingLine | null {
  const raw = parseStatementLine(f.lines);
  if (!raw) {
    diagnostics.push({
      level: 'error',
      code: 'invalid_line',
      message: `Line ${f.line}: the statement line :61:${(f.lines[0] ?? '').slice(0, 40)} does not follow the MT940 layout and was skipped.`,
      line: f.line,
    });
    return null;
  }
  const minor = swiftAmount(raw.amountText, currency, f.line, diagnostics);
  let valueDate = swiftDate(raw.valueDateText, f.line, diagnostics);
  if (valueDate === null) valueDate = fallbackDate;
  if (minor === null || valueDate === null) {
    diagnostics.push({ level: 'error', code: 'invalid_line', message: `Line ${f.line}: the statement line has no readable amount or date and was skipped.`, line: f.line });
    return null;
  }
  let entryDate: string | null = null;
  if (raw.entryDateText !== null) {
    entryDate = resolveMonthDay(raw.entryDateText, valueDate);
    if (entryDate === null) {
      diagnostics.push({ level: 'warning', code: 'invalid_date', message: `Line ${f.line}: the entry date ${raw.entryDateText} does not exist; the value date was used.`, line: f.line });
    }
  }
  // D and RC take money out; C and RD put it in.
  const negative = raw.mark === 'D' || raw.mark === 'RC';
  const bankRef = raw.bankReference !== null && raw.bankReference.toUpperCase() !== 'NONREF' ? raw.bankReference : null;
  const customerRef = raw.customerReference !== '' && raw.customerReference.toUpperCase() !== 'NONREF' ? raw.customerReference : null;
  const line: StatementLine = {
    bookingDate: entryDate ?? valueDate,
    valueDate,
    amount: { minor: negative && minor !== 0 ? -minor : minor, currency },
    description: '',
    counterparty: {},
    references: {
      ...(bankRef ? { bankReference: bankRef } : {}),
      ...(customerRef ? { other: [customerRef] } : {}),
    },
    bankId: bankRef,
    reversal: raw.mark.startsWith('R'),
    provisional: interim,
    ...(raw.typeCode ? { bankCode: raw.typeCode } : {}),
    sourceLine: f.line,
  };
  if (customerRef && isValidIban(customerRef)) line.counterparty.iban = normalizeIban(customerRef);
  else if (customerRef && raw.sameLineExtra && /^P?\d{7,10}$/.test(customerRef)) line.counterparty.account = customerRef;
  return { line, details: [], supplementary: raw.supplementary, extraName: raw.sameLineExtra };
}

function finishLine(p: PendingLine): StatementLine {
  const line = p.line;
  if (p.details.length > 0) {
    const parsed = parseDetails(p.details);
    line.rawText = p.details.join('\n').trimEnd();
    line.description = parsed.description;
    line.counterparty = { ...line.counterparty, ...parsed.counterparty };
    line.references = {
      ...line.references,
      ...parsed.references,
      ...(line.references.other || parsed.references.other
        ? { other: [...(line.references.other ?? []), ...(parsed.references.other ?? [])] }
        : {}),
    };
    if (parsed.bankSubCode) line.bankSubCode = parsed.bankSubCode;
  }
  if (p.extraName && !line.counterparty.name) line.counterparty.name = p.extraName;
  // Supplementary details (34x after :61:) are kept in the description unless :86: repeats them.
  const extras = [p.extraName, p.supplementary].filter((s): s is string => !!s && !line.description.includes(s));
  line.description = [...extras, line.description].filter((s) => s !== '').join(' ');
  if (line.description === '') line.description = line.references.other?.[0] ?? '';
  return line;
}

/** MT942 :90D:/:90C: → control totals. A side the file does not declare is taken from the lines (nothing to compare). */
function entrySumsToTotals(
  sums: { D: ReturnType<typeof parseEntrySum>; C: ReturnType<typeof parseEntrySum> },
  lines: StatementLine[],
  currency: string,
  diagnostics: Diagnostic[],
): Statement['controlTotals'] {
  const debits = lines.filter((l) => l.amount.minor < 0);
  const credits = lines.filter((l) => l.amount.minor > 0);
  const sumOf = (ls: StatementLine[]): number => ls.reduce((s, l) => s + Math.abs(l.amount.minor), 0);
  const side = (s: ReturnType<typeof parseEntrySum>, fallback: StatementLine[]): { count: number; sum: number } => {
    if (!s) return { count: fallback.length, sum: sumOf(fallback) };
    const minor = swiftAmount(s.amountText, s.currency || currency, 0, diagnostics);
    return { count: s.count, sum: minor ?? 0 };
  };
  const d = side(sums.D, debits);
  const c = side(sums.C, credits);
  return { debitCount: d.count, debitSum: d.sum, creditCount: c.count, creditSum: c.sum };
}
