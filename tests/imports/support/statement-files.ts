// Writers of bank-statement files for tests and the benchmark: Norma 43, MT940, OFX (SGML) and
// CAMT.053, byte for byte as banks lay them out, from a list of movements.

/** One movement to write; amounts are signed minor units (cents). */
export interface Movement {
  date: string;
  valueDate?: string;
  amountMinor: number;
  text: string;
  /** Second line of free text (N43 second concept, MT940 second :86: line, OFX MEMO). */
  text2?: string;
  /** Bank id: MT940 `//` reference, OFX FITID, CAMT AcctSvcrRef. */
  bankId?: string;
  /** Customer reference (N43 ref2, MT940 reference before `//`, CAMT EndToEndId). */
  reference?: string;
}

export const TEST_IBAN = 'ES9121000418450200051332';
export const TEST_CCC = { bank: '2100', branch: '0418', account: '0200051332' };

const yymmdd = (iso: string): string => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const digits = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');
const pad = (s: string, width: number): string => s.slice(0, width).padEnd(width, ' ');
const decimal = (minor: number, sep = '.'): string => {
  const abs = String(Math.abs(minor)).padStart(3, '0');
  return `${abs.slice(0, -2)}${sep}${abs.slice(-2)}`;
};
const sum = (ms: readonly Movement[]): number => ms.reduce((n, m) => n + m.amountMinor, 0);

/** A Norma 43 file (cp1252, CRLF, 80-column records 11/22/23/33/88) of one account. */
export function norma43(options: { movements: readonly Movement[]; from: string; to: string; openingMinor: number; name?: string }): Buffer {
  const { bank, branch, account } = TEST_CCC;
  const { movements, openingMinor } = options;
  const records: string[] = [];
  const sign = (n: number): string => (n < 0 ? '1' : '2');
  records.push(
    `11${bank}${branch}${account}${yymmdd(options.from)}${yymmdd(options.to)}${sign(openingMinor)}${digits(openingMinor, 14)}9783${pad(options.name ?? 'CUADRA PRUEBAS SL', 26)}   `,
  );
  for (const m of movements) {
    const ref2 = pad(m.reference ?? '', 16);
    records.push(
      `22    ${branch}${yymmdd(m.date)}${yymmdd(m.valueDate ?? m.date)}02000${sign(m.amountMinor)}${digits(m.amountMinor, 14)}0000000000${pad('', 12)}${ref2}`,
    );
    records.push(`2301${pad(m.text, 38)}${pad(m.text2 ?? '', 38)}`);
  }
  const debits = movements.filter((m) => m.amountMinor < 0);
  const credits = movements.filter((m) => m.amountMinor >= 0);
  const closing = openingMinor + sum(movements);
  records.push(
    `33${bank}${branch}${account}${digits(debits.length, 5)}${digits(sum(debits), 14)}${digits(credits.length, 5)}${digits(sum(credits), 14)}${sign(closing)}${digits(closing, 14)}978    `,
  );
  records.push(`88${'9'.repeat(18)}${digits(records.length, 6)}${' '.repeat(54)}`);
  return Buffer.from(records.map((r) => r.padEnd(80, ' ')).join('\r\n') + '\r\n', 'latin1');
}

/** An MT940 statement block (no SWIFT envelope) of one account; several blocks make a multi-statement file. */
export function mt940Statement(options: {
  movements: readonly Movement[];
  openingMinor: number;
  openingDate: string;
  closingDate: string;
  iban?: string;
  statementNumber?: string;
}): string {
  const { movements, openingMinor } = options;
  const dc = (n: number): string => (n < 0 ? 'D' : 'C');
  const lines = [
    `:20:CUADRA${yymmdd(options.closingDate)}`,
    `:25:${options.iban ?? TEST_IBAN}`,
    `:28C:${options.statementNumber ?? '00001/001'}`,
    `:60F:${dc(openingMinor)}${yymmdd(options.openingDate)}EUR${decimal(openingMinor, ',')}`,
  ];
  for (const m of movements) {
    // :61: value date YYMMDD, then the booking (entry) date MMDD.
    const entry = m.date.slice(5, 7) + m.date.slice(8, 10);
    const ref = `${m.reference ?? 'NONREF'}${m.bankId ? `//${m.bankId}` : ''}`;
    lines.push(`:61:${yymmdd(m.valueDate ?? m.date)}${entry}${dc(m.amountMinor)}${decimal(m.amountMinor, ',')}NTRF${ref}`);
    lines.push(`:86:${m.text}`);
    if (m.text2) lines.push(m.text2);
  }
  const closing = openingMinor + sum(movements);
  lines.push(`:62F:${dc(closing)}${yymmdd(options.closingDate)}EUR${decimal(closing, ',')}`);
  lines.push('-');
  return lines.join('\r\n') + '\r\n';
}

/** An MT940 file with one statement. */
export function mt940(options: Parameters<typeof mt940Statement>[0]): Buffer {
  return Buffer.from(mt940Statement(options), 'utf8');
}

const ofxDate = (iso: string): string => iso.replace(/-/g, '');
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An OFX 1.02 (SGML) bank statement; FITIDs as given (repeat them to test a bank that reuses ids); `accountId: null` names no account. */
export function ofx(options: { movements: readonly Movement[]; from: string; to: string; closingMinor: number; accountId?: string | null }): Buffer {
  const trn = options.movements.map(
    (m) =>
      `<STMTTRN>\r\n<TRNTYPE>${m.amountMinor < 0 ? 'DEBIT' : 'CREDIT'}\r\n<DTPOSTED>${ofxDate(m.date)}\r\n<TRNAMT>${m.amountMinor < 0 ? '-' : ''}${decimal(m.amountMinor)}\r\n` +
      `${m.bankId ? `<FITID>${m.bankId}\r\n` : ''}<NAME>${escapeXml(m.text.slice(0, 32))}\r\n${m.text2 ? `<MEMO>${escapeXml(m.text2)}\r\n` : ''}</STMTTRN>`,
  );
  const text = [
    'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252',
    'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
    '<OFX>',
    '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250201<LANGUAGE>SPA</SONRS></SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    '<STMTRS><CURDEF>EUR',
    options.accountId === null ? '' : `<BANKACCTFROM><BANKID>21000418<ACCTID>${options.accountId ?? '0200051332'}<ACCTTYPE>CHECKING</BANKACCTFROM>`,
    `<BANKTRANLIST><DTSTART>${ofxDate(options.from)}<DTEND>${ofxDate(options.to)}`,
    ...trn,
    '</BANKTRANLIST>',
    `<LEDGERBAL><BALAMT>${options.closingMinor < 0 ? '-' : ''}${decimal(options.closingMinor)}<DTASOF>${ofxDate(options.to)}</LEDGERBAL>`,
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>',
    '</OFX>',
  ];
  return Buffer.from(text.join('\r\n') + '\r\n', 'latin1');
}

/** A CAMT.053.001.02 statement of one account; entries carry AcctSvcrRef when `bankId` is set. */
export function camt053(options: { movements: readonly Movement[]; from: string; to: string; openingMinor: number; id?: string; iban?: string }): Buffer {
  const { movements, openingMinor } = options;
  const closing = openingMinor + sum(movements);
  const bal = (code: string, minor: number, date: string): string =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${decimal(minor)}</Amt><CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const entries = movements.map(
    (m) =>
      `<Ntry><Amt Ccy="EUR">${decimal(m.amountMinor)}</Amt><CdtDbtInd>${m.amountMinor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>` +
      `<BookgDt><Dt>${m.date}</Dt></BookgDt><ValDt><Dt>${m.valueDate ?? m.date}</Dt></ValDt>` +
      `${m.bankId ? `<AcctSvcrRef>${m.bankId}</AcctSvcrRef>` : ''}<BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>` +
      `<NtryDtls><TxDtls><Refs><EndToEndId>${m.reference ?? 'NOTPROVIDED'}</EndToEndId></Refs>` +
      `<RmtInf><Ustrd>${escapeXml(m.text)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>',
    `<GrpHdr><MsgId>${options.id ?? 'MSG1'}</MsgId><CreDtTm>${options.to}T18:00:00</CreDtTm></GrpHdr>`,
    `<Stmt><Id>${options.id ?? 'STMT1'}</Id><CreDtTm>${options.to}T18:00:00</CreDtTm><FrToDt><FrDtTm>${options.from}T00:00:00</FrDtTm><ToDtTm>${options.to}T23:59:59</ToDtTm></FrToDt>`,
    `<Acct><Id><IBAN>${options.iban ?? TEST_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
    bal('OPBD', openingMinor, options.from),
    bal('CLBD', closing, options.to),
    ...entries,
    '</Stmt></BkToCstmrStmt></Document>',
  ];
  return Buffer.from(xml.join('\n'), 'utf8');
}

/** Days from `from` to `to` inclusive, as ISO dates. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Movements that differ day by day: two a day, with the day in the text. */
export function dailyMovements(from: string, to: string): Movement[] {
  return daysBetween(from, to).flatMap((date, i) => [
    { date, amountMinor: -(1000 + i * 7), text: `RECIBO LUZ ${date}`, reference: `R${date.replace(/-/g, '')}` },
    { date, amountMinor: 25_000 + i * 11, text: `TRANSFERENCIA CLIENTE ${i}` },
  ]);
}
