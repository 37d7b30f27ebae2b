/**
 * CAMT transaction details (`NtryDtls/TxDtls`): references, related parties and agents,
 * remittance information. Handles the v2 layout (`Dbtr/Nm`) and v8+ (`Dbtr/Pty/Nm`).
 */
import { asIban, collapseSpaces } from '../line-helpers.js';
import type { XmlElement } from '../xml-safety.js';
import { allAt, at, child, childrenNamed, textAt, textsAt } from './xml-query.js';

export interface Party {
  name?: string;
  iban?: string;
  /** Account id that is not an IBAN (a CLABE, a domestic number). */
  account?: string;
  bic?: string;
  taxId?: string;
  /** Name of the ultimate debtor / creditor on the same side, when given. */
  ultimate?: string;
}

export interface DetailInfo {
  el: XmlElement;
  endToEndId?: string;
  mandateId?: string;
  acctSvcrRef?: string;
  chequeNumber?: string;
  uetr?: string;
  /** Other references (InstrId, TxId, PmtInfId, MsgId, ClrSysRef, proprietary). */
  otherRefs: string[];
  /** Unstructured remittance text, wrapped chunks re-joined. */
  unstructured?: string;
  creditorRefs: string[];
  additionalRemittance: string[];
  additionalTxInfo?: string;
  returnReason?: string;
  debtor: Party;
  creditor: Party;
  bankCode?: string;
}

/** Widths at which banks wrap `Ustrd` (SEPA 140, DTAUS 27, MT 35/65): such chunks continue mid-word. */
const WRAP_WIDTHS = new Set([27, 35, 65, 70, 140]);

/** Re-join repeated `Ustrd` chunks: a chunk that fills a wrap width continues without a space. */
export function joinUnstructured(chunks: string[]): string | undefined {
  let out = '';
  for (const [i, chunk] of chunks.entries()) {
    const prev = chunks[i - 1];
    out += i === 0 || (prev !== undefined && WRAP_WIDTHS.has(prev.length)) ? chunk : ` ${chunk}`;
  }
  const joined = collapseSpaces(out);
  return joined === '' ? undefined : joined;
}

/** Bank transaction code as one string: ISO domain `PMNT/ICDT/DMCT`, else the proprietary code. */
export function bankCodeOf(el: XmlElement | undefined): string | undefined {
  const domain = textAt(el, 'BkTxCd', 'Domn', 'Cd');
  if (domain !== undefined) {
    return [domain, textAt(el, 'BkTxCd', 'Domn', 'Fmly', 'Cd'), textAt(el, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd')]
      .filter((p) => p !== undefined)
      .join('/');
  }
  return textAt(el, 'BkTxCd', 'Prtry', 'Cd');
}

/** Name of a party element in either layout (`Dbtr/Nm` or `Dbtr/Pty/Nm`). */
function partyName(el: XmlElement | undefined): string | undefined {
  const name = textAt(el, 'Nm') ?? textAt(el, 'Pty', 'Nm');
  return name === undefined ? undefined : collapseSpaces(name);
}

/** Tax id of a party, only where the scheme says it is one (`SchmeNm/Cd` = TXID). */
function partyTaxId(el: XmlElement | undefined): string | undefined {
  const party = child(el, 'Pty') ?? el;
  for (const other of [...allAt(party, 'Id', 'OrgId', 'Othr'), ...allAt(party, 'Id', 'PrvtId', 'Othr')]) {
    if (textAt(other, 'SchmeNm', 'Cd')?.toUpperCase() === 'TXID') return textAt(other, 'Id');
  }
  return undefined;
}


function agentBic(agent: XmlElement | undefined): string | undefined {
  return textAt(agent, 'FinInstnId', 'BICFI') ?? textAt(agent, 'FinInstnId', 'BIC');
}

function party(pties: XmlElement | undefined, agts: XmlElement | undefined, side: 'Dbtr' | 'Cdtr'): Party {
  const out: Party = {};
  const main = child(pties, side);
  const name = partyName(main);
  if (name !== undefined) out.name = name;
  const acct = child(pties, `${side}Acct`);
  const acctId = textAt(acct, 'Id', 'IBAN') ?? textAt(acct, 'Id', 'Othr', 'Id');
  const iban = asIban(acctId);
  if (iban !== undefined) out.iban = iban;
  else if (acctId !== undefined) out.account = acctId;
  const bic = agentBic(child(agts, `${side}Agt`));
  if (bic !== undefined) out.bic = bic;
  const taxId = partyTaxId(main);
  if (taxId !== undefined) out.taxId = taxId;
  const ultimate = partyName(child(pties, side === 'Dbtr' ? 'UltmtDbtr' : 'UltmtCdtr'));
  if (ultimate !== undefined) out.ultimate = ultimate;
  return out;
}

const OTHER_REF_TAGS = ['InstrId', 'TxId', 'PmtInfId', 'MsgId', 'ClrSysRef', 'AcctOwnrTxId', 'AcctSvcrTxId', 'MktInfrstrctrTxId', 'PrcgId'];

/** Read everything a statement line needs from one `TxDtls`. */
export function readDetail(el: XmlElement): DetailInfo {
  const refs = child(el, 'Refs');
  const e2e = textAt(refs, 'EndToEndId');
  const info: DetailInfo = {
    el,
    otherRefs: [],
    creditorRefs: textsAt(el, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref'),
    additionalRemittance: textsAt(el, 'RmtInf', 'Strd', 'AddtlRmtInf'),
    debtor: party(child(el, 'RltdPties'), child(el, 'RltdAgts'), 'Dbtr'),
    creditor: party(child(el, 'RltdPties'), child(el, 'RltdAgts'), 'Cdtr'),
  };
  if (e2e !== undefined && e2e.toUpperCase() !== 'NOTPROVIDED') info.endToEndId = e2e;
  const optional: Array<[keyof DetailInfo, string | undefined]> = [
    ['mandateId', textAt(refs, 'MndtId')],
    ['acctSvcrRef', textAt(refs, 'AcctSvcrRef')],
    ['chequeNumber', textAt(refs, 'ChqNb')],
    ['uetr', textAt(refs, 'UETR')],
    ['unstructured', joinUnstructured(childrenNamed(child(el, 'RmtInf'), 'Ustrd').map((u) => u.text))],
    ['additionalTxInfo', textAt(el, 'AddtlTxInf')],
    ['bankCode', bankCodeOf(el)],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(info, { [key]: collapseSpaces(value) });
  for (const tag of OTHER_REF_TAGS) {
    const v = textAt(refs, tag);
    if (v !== undefined && v.toUpperCase() !== 'NOTPROVIDED') info.otherRefs.push(v);
  }
  for (const p of allAt(refs, 'Prtry')) {
    const v = textAt(p, 'Ref');
    if (v !== undefined) info.otherRefs.push(v);
  }
  const rtr = child(el, 'RtrInf');
  if (rtr) {
    const reason = [textAt(rtr, 'Rsn', 'Cd') ?? textAt(rtr, 'Rsn', 'Prtry'), ...textsAt(rtr, 'AddtlInf')].filter((s) => s !== undefined);
    if (reason.length > 0) info.returnReason = `Return: ${reason.join(' ')}`;
  }
  return info;
}

/** Amount elements of a detail, in order of preference for the line amount. */
export function detailAmountElements(el: XmlElement): XmlElement[] {
  return [at(el, 'Amt'), at(el, 'AmtDtls', 'TxAmt', 'Amt'), at(el, 'AmtDtls', 'CntrValAmt', 'Amt')].filter(
    (e): e is XmlElement => e !== undefined,
  );
}
