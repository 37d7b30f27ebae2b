/**
 * Counterparties for generated months: Spanish and Mexican companies and people, with legal forms
 * as the books write them, valid tax ids (CIF/NIF with control characters, RFC with check digit),
 * trade names some of them pay under, and IBANs.
 */
import { ibanFromBban } from '../../../main/core/importers/iban.js';
import { rfcCheckDigit } from '../../../main/core/matching/references.js';
import type { Rng } from './random.js';

/** One generated counterparty. */
export interface GenParty {
  country: 'ES' | 'MX';
  /** The name in the books ("Construcciones García López, S.L."). */
  legalName: string;
  taxId: string;
  person: boolean;
  /** A name the bank shows instead of the legal one (a trade name), when it has one. */
  tradeName: string | null;
  iban: string;
}

const SURNAMES = [
  'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz',
  'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez',
  'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio',
  'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto',
  'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Vidal', 'León', 'Herrera', 'Márquez', 'Peña', 'Flores', 'Cabrera', 'Campos', 'Vega',
  'Fuentes', 'Carrasco', 'Díez', 'Caballero', 'Reyes', 'Nieto', 'Aguilar', 'Pascual', 'Santana', 'Herrero', 'Lorenzo', 'Montero',
  'Hidalgo', 'Giménez', 'Ibáñez', 'Ferrer', 'Durán', 'Santiago', 'Benítez', 'Mora', 'Vicente', 'Vargas', 'Arias', 'Carmona',
  'Crespo', 'Román', 'Pastor', 'Soto', 'Sáez', 'Velasco', 'Moya', 'Soler', 'Parra', 'Esteban', 'Bravo', 'Gallardo', 'Rojas',
  'Zamora', 'Salazar', 'Espinoza', 'Villanueva', 'Cervantes', 'Escobar', 'Ochoa', 'Robles', 'Valdez', 'Rosales', 'Orozco',
  'Contreras', 'Sandoval', 'Ibarra', 'Meza', 'Trejo', 'Cisneros', 'Zúñiga', 'Quintero', 'Barrera', 'Galindo', 'Tapia', 'Olvera',
];
const FIRST = [
  'María', 'José', 'Antonio', 'Carmen', 'Juan', 'Ana', 'Manuel', 'Francisco', 'Laura', 'David', 'Isabel', 'Javier', 'Pilar',
  'Carlos', 'Lucía', 'Miguel', 'Elena', 'Rafael', 'Sara', 'Pedro', 'Guadalupe', 'Alejandro', 'Fernanda', 'Jesús', 'Verónica',
  'Ricardo', 'Patricia', 'Arturo', 'Gabriela', 'Eduardo', 'Rocío', 'Sergio', 'Marta', 'Jorge', 'Beatriz', 'Héctor', 'Claudia',
];
const ES_BUSINESS = [
  'Construcciones', 'Distribuciones', 'Suministros', 'Instalaciones', 'Transportes', 'Servicios', 'Ingeniería', 'Asesores',
  'Consultores', 'Talleres', 'Grupo', 'Comercial', 'Industrias', 'Hostelería', 'Alimentación', 'Muebles', 'Reformas',
  'Electricidad', 'Fontanería', 'Limpiezas', 'Inmobiliaria', 'Gestoría', 'Papelería', 'Logística', 'Maquinaria', 'Climatización',
  'Carpintería', 'Cerámicas', 'Bodegas', 'Panificadora', 'Estructuras', 'Aislamientos', 'Recambios', 'Neumáticos', 'Imprenta',
];
const MX_BUSINESS = [
  'Comercializadora', 'Distribuidora', 'Servicios Integrales', 'Constructora', 'Transportes', 'Alimentos', 'Abarrotes',
  'Ferretera', 'Grupo Industrial', 'Logística', 'Agropecuaria', 'Textiles', 'Plásticos', 'Importadora', 'Maquiladora',
  'Autotransportes', 'Materiales', 'Refacciones', 'Consultoría', 'Desarrolladora', 'Farmacéutica', 'Empacadora', 'Soluciones',
];
const PLACES_ES = ['Ibérica', 'Levante', 'del Norte', 'del Sur', 'Mediterráneo', 'Castellana', 'Andaluza', 'Gallega', 'Aragonesa', 'Canarias', 'Madrid', 'Valencia', 'Sevilla', 'Bilbao', 'Murcia', 'Navarra', 'Asturiana', 'Balear', 'Extremeña', 'Riojana'];
const PLACES_MX = ['del Bajío', 'del Norte', 'de Occidente', 'del Pacífico', 'Jalisco', 'Monterrey', 'Puebla', 'Querétaro', 'Azteca', 'Maya', 'Anáhuac', 'del Golfo', 'Sonora', 'Yucatán', 'Chihuahua', 'Veracruz', 'Tapatía', 'Regiomontana'];
const ES_FORMS = ['S.L.', 'SL', 'S.L.U.', 'S.A.', 'SA', 'S.A.U.', 'Sociedad Limitada', 'S. Coop.', 'C.B.', 'SLL'];
const MX_FORMS = ['S.A. de C.V.', 'SA de CV', 'S. de R.L. de C.V.', 'SAPI de CV', 'S.C.', 'S.A.P.I. de C.V.', 'S.A.B. de C.V.'];
const SYLLABLES = [
  'TEC', 'NOR', 'VAL', 'IBER', 'MAQ', 'SUR', 'CON', 'TRA', 'DIS', 'MED', 'ALU', 'FER', 'GAL', 'LUX', 'PRO', 'NOVA', 'MEX', 'AGRO',
  'INDU', 'PLAS', 'CER', 'ELEC', 'TRANS', 'QUIM', 'CAR', 'MAR', 'SOL', 'TIER', 'BAJ', 'ZEN', 'ORO', 'VER', 'DEL', 'TOR', 'RIO',
  'MON', 'ARAN', 'BEL', 'CAS', 'DUR', 'ES', 'FLO', 'GRA', 'HID', 'INTER', 'JAL', 'KAR', 'LAN', 'MAT', 'NEX', 'OLI', 'PIN', 'QUAN',
  'ROC', 'SAN', 'TAL', 'UNI', 'VIS', 'XAL', 'YUC', 'ZAR', 'AL', 'BRA', 'CRI', 'DO', 'EU', 'FRI', 'GEO', 'HOR', 'IN', 'LO', 'MI',
];
const TRADE = ['Bar El Rincón', 'Restaurante La Plaza', 'Taller El Pino', 'Panadería San José', 'Tienda La Esquina', 'Café Central', 'Farmacia del Carmen', 'Ferretería La Llave', 'Abarrotes Lupita', 'Taquería El Güero', 'Cocina Doña Mary', 'Papelería El Lápiz', 'Clínica Dental Sonrisa', 'Gimnasio Fuerza', 'Hotel Las Palmas'];

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A valid CIF (A for S.A., B for S.L.) with its control digit. */
export function makeCif(rng: Rng, letter: 'A' | 'B'): string {
  const d = digits(rng, 7);
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const v = d.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const x = v * 2;
      sum += Math.floor(x / 10) + (x % 10);
    } else sum += v;
  }
  return `${letter}${d}${(10 - (sum % 10)) % 10}`;
}

/** A valid NIF (8 digits + control letter). */
export function makeNif(rng: Rng): string {
  const d = digits(rng, 8);
  return `${d}${NIF_LETTERS[Number(d) % 23]}`;
}

function initials(name: string, n: number): string {
  const letters = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z ]/g, '').split(' ').filter((w) => w.length > 2).map((w) => w[0]).join('');
  return (letters + 'XXXX').slice(0, n);
}

/** A valid RFC: 3 letters (company) or 4 (person) + YYMMDD + homoclave + check digit. */
export function makeRfc(rng: Rng, name: string, person: boolean): string {
  const head = initials(name, person ? 4 : 3);
  const date = `${String(rng.int(60, 99)).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ123456789';
  const body = `${head}${date}${rng.pick([...alnum])}${rng.pick([...alnum])}`;
  return `${body}${rfcCheckDigit(body)}`;
}

function invented(rng: Rng): string {
  const s = rng.pick(SYLLABLES) + rng.pick(SYLLABLES).toLowerCase() + (rng.chance(0.4) ? rng.pick(SYLLABLES).toLowerCase() : '');
  return s.charAt(0) + s.slice(1).toLowerCase();
}

function companyName(rng: Rng, country: 'ES' | 'MX'): string {
  const business = country === 'ES' ? ES_BUSINESS : MX_BUSINESS;
  const places = country === 'ES' ? PLACES_ES : PLACES_MX;
  const form = rng.pick(country === 'ES' ? ES_FORMS : MX_FORMS);
  const s1 = rng.pick(SURNAMES);
  const s2 = rng.pick(SURNAMES);
  // Most firms trade under a distinctive name; family names and place names repeat.
  const p = Number(rng.weighted({ 0: 2, 1: 2, 2: 1, 3: 1, 4: 3, 5: 2, 6: 3 }));
  const base = p === 0 ? `${rng.pick(business)} ${s1} ${s2}`
    : p === 1 ? `${s1} y ${s2}`
      : p === 2 ? `${rng.pick(business)} ${rng.pick(places)} ${invented(rng)}`
        : p === 3 ? `${s1} Hermanos`
          : p === 4 ? `${invented(rng)} ${rng.pick(business)}`
            : p === 5 ? `${rng.pick(business)} ${invented(rng)} ${rng.pick(places)}`
              : `${invented(rng)} ${s1}`;
  return form.startsWith('Sociedad') || rng.chance(0.5) ? `${base}, ${form}` : `${base} ${form}`;
}

function personName(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}`;
}

function bankIban(rng: Rng, country: 'ES' | 'MX'): string {
  return country === 'ES' ? ibanFromBban('ES', `${rng.pick(['2100', '0049', '0182', '0081', '2038', '0128'])}${digits(rng, 16)}`) : `MX${digits(rng, 18)}`;
}

/** A company name in the books (for recurring suppliers booked straight into the bank ledger). */
export function makeCompanyName(rng: Rng, country: 'ES' | 'MX'): string {
  return companyName(rng, country);
}

/** `count` distinct counterparties, `mexicanShare` of them Mexican. */
export function makeParties(rng: Rng, count: number, mexicanShare: number): GenParty[] {
  const out: GenParty[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const country: 'ES' | 'MX' = rng.chance(mexicanShare) ? 'MX' : 'ES';
    const person = rng.chance(0.15);
    const legalName = person ? personName(rng) : companyName(rng, country);
    const key = legalName.toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const taxId = country === 'MX' ? makeRfc(rng, legalName, person) : person ? makeNif(rng) : makeCif(rng, /S\.?A\.?/.test(legalName) ? 'A' : 'B');
    const tradeName = !person && rng.chance(0.06) ? `${rng.pick(TRADE)} ${rng.pick(SURNAMES)}` : null;
    out.push({ country, legalName, taxId, person, tradeName, iban: bankIban(rng, country) });
  }
  return out;
}
