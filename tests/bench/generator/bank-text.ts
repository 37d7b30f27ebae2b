/**
 * Bank texts as banks write them: upper case, accents lost or mangled, legal forms rewritten or
 * dropped, people's names reordered, typos, truncation at 32–38 characters, prefixes such as
 * TRANSFERENCIA / SEPA / SPEI / RECIBO / ADEUDO, card masks and operation numbers; and invoice
 * numbers written the many ways payers write them, or not at all.
 */
import type { GenParty } from './names.js';
import type { Rng } from './random.js';

/** An invoice number in parts, so that a payer can write it differently. */
export interface DocNumber {
  text: string;
  series: string;
  year: string;
  num: number;
}

function strip(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function upperBankish(rng: Rng, text: string): string {
  const r = rng.next();
  if (r < 0.05) return text.toUpperCase().replace(/Ñ/g, '#').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (r < 0.1) return text.toUpperCase();
  return strip(text).toUpperCase();
}

function rewriteLegalForm(rng: Rng, name: string): string {
  const r = rng.next();
  const m = /,?\s+(S\.L\.U?\.?|SLL?|S\.A\.U?\.?|SA|Sociedad Limitada|S\. Coop\.|C\.B\.|S\.A\. de C\.V\.|SA de CV|S\. de R\.L\. de C\.V\.|SAPI de CV|S\.C\.|S\.A\.P\.I\. de C\.V\.|S\.A\.B\. de C\.V\.)$/i.exec(name);
  if (!m) return name;
  const base = name.slice(0, m.index);
  if (r < 0.3) return base;
  if (r < 0.7) return `${base} ${m[1]?.replace(/\./g, '').replace(/,/g, '') ?? ''}`;
  return name;
}

function typo(rng: Rng, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 6);
  if (candidates.length === 0) return text;
  const [w, i] = rng.pick(candidates);
  const p = rng.int(1, w.length - 2);
  const kind = rng.int(0, 2);
  const changed = kind === 0 ? w.slice(0, p) + (w[p + 1] ?? '') + (w[p] ?? '') + w.slice(p + 2)
    : kind === 1 ? w.slice(0, p) + w.slice(p + 1)
      : w.slice(0, p) + rng.pick([...'AEIOURSNTLC']) + w.slice(p + 1);
  words[i] = changed;
  return words.join(' ');
}

/** Cut at 32–38 characters as many banks' name fields do. */
export function truncate(rng: Rng, text: string): string {
  const limit = rng.int(32, 38);
  return text.length > limit ? text.slice(0, limit).trimEnd() : text;
}

/** How one bank writes a counterparty's name (stable for a party: derive it once per party and bank). */
export function bankName(rng: Rng, party: GenParty): string {
  let name = party.tradeName ?? party.legalName;
  name = rewriteLegalForm(rng, name);
  if (party.person && rng.chance(0.45)) {
    const [first, ...rest] = name.split(' ');
    name = `${rest.join(' ')} ${first ?? ''}`;
  }
  name = upperBankish(rng, name).replace(/,/g, '');
  if (rng.chance(0.07)) name = typo(rng, name);
  return truncate(rng, name.replace(/\s+/g, ' ').trim());
}

/** A reference to one invoice as a payer writes it, or '' (no reference). */
export function writeReference(rng: Rng, doc: DocNumber): string {
  const n = String(doc.num);
  const n6 = n.padStart(6, '0');
  const s = doc.series;
  const forms = [
    `FRA ${doc.year}/${n}`, `FACTURA ${s ? `${s}-` : ''}${n}`, `FACT. ${n6}`, `F-${doc.year}-${n}`, `N/FRA ${n}`, `INV ${n}`,
    `${s}${doc.year}${n6}`, n, doc.text, `PAGO FACTURA ${doc.text}`, `FRA.${s}${n}`, `${n}/${doc.year.slice(2)}`,
  ];
  return rng.pick(forms);
}

/** References to several invoices in one text ("FRAS 145 146 147" or each written out). */
export function writeReferences(rng: Rng, docs: readonly DocNumber[]): string {
  if (rng.chance(0.5)) return `FRAS ${docs.map((d) => String(d.num)).join(' ')}`;
  return docs.map((d) => writeReference(rng, d)).join(' ');
}

/** A SPEI tracking key as Mexican banks print them. */
export function speiKey(rng: Rng): string {
  const alnum = 'ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789';
  let s = rng.pick(['MBAN', 'BNET', 'SANT', 'HSBC', '2024', 'BAJI']);
  const len = rng.int(14, 24);
  while (s.length < len) s += rng.pick([...alnum]);
  return s;
}

/** A masked card number as it appears in card movements. */
export function cardMask(rng: Rng): string {
  return rng.chance(0.5) ? `${rng.int(4000, 5599)}XXXXXXXX${rng.int(1000, 9999)}` : `************${rng.int(1000, 9999)}`;
}

/** Free text and name field of a payment between the company and a counterparty. */
export interface WrittenPayment {
  description: string;
  counterpartyName?: string;
  counterpartyTaxId?: string;
  references: string[];
}

/**
 * Write a payment: `incoming` money from the counterparty, else to it; `ref` is what the payer
 * typed ('' for nothing); Spanish accounts write SEPA/N43 styles, Mexican ones SPEI styles.
 */
export function writePayment(rng: Rng, party: GenParty, name: string, incoming: boolean, ref: string, country: 'ES' | 'MX'): WrittenPayment {
  const withName = rng.chance(0.45);
  const refs: string[] = [];
  if (country === 'ES') {
    const prefix = incoming ? rng.pick(['TRANSFERENCIA DE', 'TRANSF. A FAVOR DE', 'ABONO TRANSFERENCIA SEPA', 'TRANSFERENCIA RECIBIDA', 'TRF INMEDIATA DE', 'SEPA CT'])
      : rng.pick(['TRANSFERENCIA A', 'TRANSF. SEPA A', 'RECIBO', 'ADEUDO DOMICILIADO SEPA', 'PAGO PROVEEDOR', 'ORDEN DE PAGO A']);
    if (rng.chance(0.15)) refs.push(`${rng.int(10000000, 99999999)}${rng.int(1000, 9999)}`);
    const taxId = rng.chance(0.08) ? ` NIF ${party.taxId}` : '';
    if (withName) {
      const concept = ref !== '' ? ` ${rng.pick(['CONCEPTO', 'CONC.', 'REF.', ''])} ${ref}` : rng.chance(0.3) ? ` ${rng.pick(['PAGO', 'VARIOS', 'SERVICIOS', 'MERCANCIA'])}` : '';
      return { description: `${prefix}${concept}${taxId}`.replace(/\s+/g, ' ').trim(), counterpartyName: name, references: refs };
    }
    const concept = ref !== '' ? ` ${rng.pick(['CONCEPTO', 'CONC', '/', ''])} ${ref}` : '';
    return { description: `${prefix} ${name}${concept}${taxId}`.replace(/\s+/g, ' ').trim(), references: refs };
  }
  const key = speiKey(rng);
  const bank = rng.pick(['BANORTE', 'BBVA MEXICO', 'SANTANDER', 'BANAMEX', 'HSBC', 'BANREGIO', 'INBURSA']);
  const rfc = rng.chance(0.3) ? ` RFC ${party.taxId}` : '';
  const concept = ref !== '' ? ` CONCEPTO ${ref}` : rng.chance(0.3) ? ` CONCEPTO ${rng.pick(['PAGO', 'ANTICIPO', 'SERVICIOS', 'MERCANCIA'])}` : '';
  refs.push(key);
  const head = incoming ? rng.pick(['SPEI RECIBIDO', 'DEPOSITO SPEI DE', 'ABONO SPEI']) : rng.pick(['SPEI ENVIADO', 'PAGO SPEI A', 'TRASPASO SPEI A']);
  if (withName) {
    return { description: `${head} ${bank}${rfc} CVE RASTREO ${key}${concept}`.trim(), counterpartyName: name, references: refs };
  }
  return { description: `${head} ${bank} ${name}${rfc} CVE RASTREO ${key}${concept}`.replace(/\s+/g, ' ').trim(), references: refs };
}
