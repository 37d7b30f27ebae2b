// A large, realistic MT940 file for the import benchmark: one statement per banking day of a
// busy Spanish business account, card payments, direct debits, transfers with invoice numbers,
// Bizum, payroll and fees, some lines with a bank reference and some identical on one day.
import { TEST_IBAN } from '../imports/support/statement-files.js';

/** A small seeded PRNG (mulberry32): the same file every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MERCHANTS = ['MERCADONA', 'REPSOL ESTACION', 'EL CORTE INGLES', 'AMAZON EU SARL', 'LEROY MERLIN', 'CAFETERIA LA ESQUINA', 'RENFE VIAJEROS', 'IBERIA LAE', 'ALIEXPRESS', 'FARMACIA LDO GARCIA'];
const CITIES = ['MADRID', 'BARCELONA', 'VALENCIA', 'SEVILLA', 'BILBAO', 'ZARAGOZA', 'MALAGA', 'VIGO'];
const UTILITIES = ['ENDESA ENERGIA SAU', 'IBERDROLA CLIENTES', 'TELEFONICA DE ESPANA', 'CANAL DE ISABEL II', 'VODAFONE ESPANA', 'MAPFRE SEGUROS'];
const COMPANIES = ['DISTRIBUCIONES NORTE SL', 'TALLERES GARCIA E HIJOS SL', 'CONSULTORIA ARANDA SA', 'PAPELERIA MODERNA SL', 'TRANSPORTES LOPEZ SA', 'HOSTELERIA DEL SUR SL', 'SUMINISTROS IBERICOS SL'];
const PEOPLE = ['MARIA JOSE FERNANDEZ RUIZ', 'JUAN CARLOS MARTIN', 'LUCIA SANCHEZ PEREZ', 'ANTONIO GOMEZ DIAZ', 'CARMEN NUNEZ ORTIZ', 'JOSE LUIS ROMERO'];
const MONTHS = ['ENERO', 'FEBRERO', 'MARZO', 'ABRIL', 'MAYO', 'JUNIO', 'JULIO', 'AGOSTO', 'SEPTIEMBRE', 'OCTUBRE', 'NOVIEMBRE', 'DICIEMBRE'];

interface Generated {
  bytes: Buffer;
  lines: number;
  statements: number;
  from: string;
  to: string;
}

const yymmdd = (d: Date): string => d.toISOString().slice(2, 10).replace(/-/g, '');
const mmdd = (d: Date): string => d.toISOString().slice(5, 10).replace('-', '');
const amountText = (minor: number): string => {
  const abs = String(Math.abs(minor)).padStart(3, '0');
  return `${abs.slice(0, -2)},${abs.slice(-2)}`;
};

/**
 * An MT940 file of `lines` movements spread over one statement per banking day (about 2,700
 * movements a day for a million), with balances that add up.
 */
export function generateMt940(lines: number, seed = 43): Generated {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const perDay = Math.max(1, Math.ceil(lines / 365));
  const chunks: string[] = [];
  let balance = 5_000_000;
  let day = new Date(Date.UTC(2024, 0, 2));
  const first = day.toISOString().slice(0, 10);
  let written = 0;
  let statements = 0;
  let bankRef = 100_000_000;
  while (written < lines) {
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + 86_400_000);
    const count = Math.min(perDay, lines - written);
    statements++;
    const out: string[] = [
      `:20:STMT${yymmdd(day)}`,
      `:25:${TEST_IBAN}`,
      `:28C:${String(statements).padStart(5, '0')}/001`,
      `:60F:${balance < 0 ? 'D' : 'C'}${yymmdd(day)}EUR${amountText(balance)}`,
    ];
    for (let i = 0; i < count; i++) {
      const kind = rnd();
      let minor: number;
      let text: string;
      if (kind < 0.4) {
        minor = -Math.round(300 + rnd() * rnd() * 25_000);
        text = `COMPRA TARJ. 4B*${String(1000 + Math.floor(rnd() * 9000))} ${pick(MERCHANTS)} ${pick(CITIES)}`;
      } else if (kind < 0.55) {
        minor = -Math.round(2_000 + rnd() * 40_000);
        text = `ADEUDO SEPA ${pick(UTILITIES)} REF.MANDATO ES${String(Math.floor(rnd() * 1e9)).padStart(9, '0')} RECIBO ${pick(MONTHS)}`;
      } else if (kind < 0.75) {
        minor = Math.round(10_000 + rnd() * rnd() * 900_000);
        text = `TRANSFERENCIA DE ${pick(COMPANIES)} CONCEPTO FRA ${String(2024)}-${String(Math.floor(rnd() * 99_999)).padStart(5, '0')}`;
      } else if (kind < 0.85) {
        minor = -Math.round(10_000 + rnd() * 500_000);
        text = `TRANSFERENCIA A FAVOR DE ${pick(COMPANIES)} PAGO FACTURA ${String(Math.floor(rnd() * 99_999)).padStart(6, '0')}`;
      } else if (kind < 0.93) {
        minor = Math.round(500 + rnd() * 15_000) * (rnd() < 0.5 ? 1 : -1);
        text = `BIZUM ${minor > 0 ? 'DE' : 'A'} ${pick(PEOPLE)} CONCEPTO ${pick(['CENA', 'REGALO', 'ALQUILER', 'LOTERIA', 'PADEL'])}`;
      } else if (kind < 0.97) {
        minor = -Math.round(120_000 + rnd() * 250_000);
        text = `NOMINA ${pick(MONTHS)} ${pick(PEOPLE)}`;
      } else {
        // Bank fees repeat identically within a day: the occurrence index keeps them apart.
        minor = -350;
        text = 'COMISION MANTENIMIENTO SERVICIO TRANSFERENCIA';
      }
      const ref = rnd() < 0.3 ? `NONREF//${(bankRef++).toString(36).toUpperCase()}` : 'NONREF';
      out.push(`:61:${yymmdd(day)}${mmdd(day)}${minor < 0 ? 'D' : 'C'}${amountText(minor)}NTRF${ref}`);
      out.push(`:86:${text.slice(0, 65)}`);
      if (text.length > 65) out.push(text.slice(65, 130));
      balance += minor;
    }
    out.push(`:62F:${balance < 0 ? 'D' : 'C'}${yymmdd(day)}EUR${amountText(balance)}`, '-');
    chunks.push(out.join('\r\n') + '\r\n');
    written += count;
    day = new Date(day.getTime() + 86_400_000);
  }
  const last = new Date(day.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { bytes: Buffer.from(chunks.join(''), 'latin1'), lines: written, statements, from: first, to: last };
}
