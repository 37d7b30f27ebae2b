/**
 * A tiny reader for the python-object YAML dump wolph/mt940 writes as golden output
 * (mt940/wolph_jejik_abnamro.yml). It knows exactly that file's shapes — Decimal amounts,
 * binary-packed dates, plain and single-quoted folded scalars — and nothing more, so the
 * test needs no YAML dependency.
 */

export interface GoldenTransaction {
  amount: string;
  currency: string;
  date: string;
  entryDate: string | null;
  id: string | null;
  status: string;
  customerReference: string | null;
  bankReference: string | null;
  fundsCode: string | null;
  details: string;
}

export interface GoldenBalance {
  amount: string;
  currency: string;
  date: string;
  status: string;
}

export interface GoldenStatementData {
  accountIdentification: string;
  balances: Record<string, GoldenBalance>;
  transactions: GoldenTransaction[];
}

/** `B9sFGA==` → year (2 bytes big-endian), month, day → '2011-05-24'. */
function packedDate(b64: string): string {
  const b = Buffer.from(b64, 'base64');
  const year = (b[0] ?? 0) * 256 + (b[1] ?? 0);
  return `${year}-${String(b[2]).padStart(2, '0')}-${String(b[3]).padStart(2, '0')}`;
}

/** YAML folding for plain and single-quoted scalars spread over several lines. */
function foldScalar(first: string, continuation: string[]): string | null {
  const parts = [first, ...continuation.map((l) => l.trim())];
  let out = '';
  let pendingBreaks = 0;
  parts.forEach((p, i) => {
    if (i > 0 && p === '') {
      pendingBreaks++;
      return;
    }
    if (i > 0) out += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
    pendingBreaks = 0;
    out += p;
  });
  if (out === 'null') return null;
  if (out.startsWith("'") && out.endsWith("'")) return out.slice(1, -1).replace(/''/g, "'");
  return out;
}

/** Split a block into `key → lines` at the given indentation. */
function keyed(lines: string[], indent: number): Map<string, { first: string; rest: string[] }> {
  const out = new Map<string, { first: string; rest: string[] }>();
  const keyRe = new RegExp(`^ {${indent}}([a-z_]+):(?: (.*))?$`);
  let current: { first: string; rest: string[] } | null = null;
  for (const line of lines) {
    const m = keyRe.exec(line);
    if (m) {
      current = { first: m[2] ?? '', rest: [] };
      out.set(m[1] ?? '', current);
    } else if (current) {
      current.rest.push(line);
    }
  }
  return out;
}

function decimalIn(rest: string[]): string {
  return /- '([-\d.]+)'/.exec(rest.join('\n'))?.[1] ?? '';
}

function dateIn(rest: string[]): string | null {
  const b64 = rest.map((l) => l.trim()).find((l) => /^[A-Za-z0-9+/]{6}==$/.test(l));
  return b64 ? packedDate(b64) : null;
}

function scalar(map: Map<string, { first: string; rest: string[] }>, key: string): string | null {
  const v = map.get(key);
  return v ? foldScalar(v.first, v.rest) : null;
}

/** Read the golden YAML text. */
export function readWolphGolden(text: string): GoldenStatementData {
  const lines = text.split('\n');
  const txStart = lines.indexOf('transactions:');
  const head = keyed(lines.slice(0, txStart), 2);
  const balances: Record<string, GoldenBalance> = {};
  for (const key of ['final_opening_balance', 'final_closing_balance', 'intermediate_opening_balance', 'intermediate_closing_balance']) {
    const block = head.get(key);
    if (!block) continue;
    const inner = keyed(block.rest, 4);
    const amountBlock = inner.get('amount')?.rest ?? [];
    balances[key] = {
      amount: decimalIn(amountBlock),
      currency: /currency: (\w+)/.exec(amountBlock.join('\n'))?.[1] ?? '',
      date: dateIn(inner.get('date')?.rest ?? []) ?? '',
      status: scalar(inner, 'status') ?? '',
    };
  }
  const transactions: GoldenTransaction[] = [];
  const blocks: string[][] = [];
  for (const line of lines.slice(txStart + 1)) {
    if (line.startsWith('- !!python/object:mt940.models.Transaction')) blocks.push([]);
    else blocks[blocks.length - 1]?.push(line);
  }
  for (const block of blocks) {
    const data = keyed(block, 4);
    const amountBlock = data.get('amount')?.rest ?? [];
    transactions.push({
      amount: decimalIn(amountBlock),
      currency: scalar(data, 'currency') ?? '',
      date: dateIn(data.get('date')?.rest ?? []) ?? '',
      entryDate: dateIn(data.get('entry_date')?.rest ?? []),
      id: scalar(data, 'id'),
      status: scalar(data, 'status') ?? '',
      customerReference: scalar(data, 'customer_reference'),
      bankReference: scalar(data, 'bank_reference'),
      fundsCode: scalar(data, 'funds_code'),
      details: scalar(data, 'transaction_details') ?? '',
    });
  }
  return { accountIdentification: scalar(head, 'account_identification') ?? '', balances, transactions };
}
