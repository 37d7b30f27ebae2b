// Canonical books CSV files for the query benchmark: open items (customer and supplier invoices,
// Spanish names with accents) and the bank ledger (libro de bancos) of one account.

/** A small seeded PRNG (mulberry32): the same file every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTIES = [
  'Panadería Núñez SL', 'Construcciones García López SA', 'Cafetería La Esquina', 'Óptica Martínez', 'Distribuciones Peñalver SL',
  'Iberdrola Clientes SAU', 'Talleres Gómez e Hijos SL', 'Librería Ávila', 'Frutas Ramírez CB', 'Consultoría Aranda SA',
  'Hostelería del Sur SL', 'Papelería Moderna SL', 'Muñoz Abogados SLP', 'Clínica Dental Sonrisa', 'Transportes López SA',
];
const CONCEPTS = ['Factura servicios', 'Suministro eléctrico', 'Material de oficina', 'Reparación vehículo', 'Honorarios', 'Alquiler local', 'Compra mercancía', 'Mantenimiento anual'];

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const decimal = (minor: number): string => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const isoDay = (start: number, day: number): string => new Date(start + day * 86_400_000).toISOString().slice(0, 10);

/** `count` open items over a year: id, date, amount, description, counterparty, document number, due date. */
export function generateOpenItemsCsv(count: number, seed = 7): Buffer {
  const rnd = random(seed);
  const start = Date.UTC(2024, 0, 1);
  const rows = ['id,date,amount,currency,description,counterparty,reference,due_date,factura'];
  for (let i = 0; i < count; i++) {
    const day = Math.floor(rnd() * 365);
    const customer = rnd() < 0.6;
    const minor = Math.round(2_000 + rnd() * rnd() * 2_000_000) * (customer ? 1 : -1);
    const party = PARTIES[Math.floor(rnd() * PARTIES.length)]!;
    const doc = `${customer ? 'FV' : 'FC'}${2024}-${String(i + 1).padStart(6, '0')}`;
    const concept = `${CONCEPTS[Math.floor(rnd() * CONCEPTS.length)]!} ${doc}`;
    rows.push([`I-${i + 1}`, isoDay(start, day), decimal(minor), 'EUR', concept, party, rnd() < 0.2 ? `RF${String(i).padStart(10, '0')}` : '', isoDay(start, day + 30), doc].map(csvField).join(','));
  }
  return Buffer.from(`${rows.join('\n')}\n`, 'utf8');
}

/** `count` entries of one bank account's ledger over a year. */
export function generateLedgerCsv(count: number, seed = 11): Buffer {
  const rnd = random(seed);
  const start = Date.UTC(2024, 0, 1);
  const rows = ['id,date,amount,currency,description,counterparty,reference'];
  for (let i = 0; i < count; i++) {
    const minor = Math.round(500 + rnd() * rnd() * 1_500_000) * (rnd() < 0.5 ? 1 : -1);
    const party = PARTIES[Math.floor(rnd() * PARTIES.length)]!;
    const text = `${minor > 0 ? 'Cobro' : 'Pago'} ${party}`;
    rows.push([`A-${i + 1}`, isoDay(start, Math.floor(rnd() * 365)), decimal(minor), 'EUR', text, party, ''].map(csvField).join(','));
  }
  return Buffer.from(`${rows.join('\n')}\n`, 'utf8');
}
