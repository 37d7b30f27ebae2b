// The local embedder: deterministic unit vectors, the same vector for texts that fold alike, bank
// texts closest to their own counterparty, IDF weighting learned from a corpus and stored as JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIdfTable, createLocalEmbedder, IdfTable, normaliseForEmbedding, textHash, type LocalEmbedder } from '../../main/core/embed/index.js';
import { foldText } from '../../main/core/matching/text.js';

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (v: Float32Array): number => Math.sqrt(cosine(v, v));
const similarity = (e: LocalEmbedder, a: string, b: string): number => cosine(e.embedSync(a), e.embedSync(b));

/** A corpus like a company's bank descriptions: the same bank words around many counterparties. */
const CORPUS = [
  ...['IBERDROLA CLIENTES', 'TELEFONICA DE ESPANA', 'MAPFRE ESPANA', 'MONDELVAL CONSTRUCCIONES', 'PINLOIBER CERAMICAS', 'MARDUR NIETO', 'GARCIA LOPEZ JUAN', 'REPSOL', 'MERCADONA', 'ENDESA ENERGIA']
    .flatMap((party, i) => [`TRANSFERENCIA RECIBIDA ${party} SL`, `RECIBO ${party} SA REF ${1000 + i}`, `TRANSFERENCIA SEPA ${party}`, `PAGO PROVEEDOR ${party} FRA 2024/${i}`]),
  'COMISION MANTENIMIENTO CUENTA',
  'INTERESES A SU FAVOR',
];

describe('createLocalEmbedder', () => {
  it('returns deterministic unit vectors of the requested length', async () => {
    const e = createLocalEmbedder();
    const a = e.embedSync('Transferencia recibida Mondelval Construcciones');
    expect(a).toHaveLength(256);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(createLocalEmbedder().embedSync('Transferencia recibida Mondelval Construcciones')).toEqual(a);
    expect(await e.embed(['Transferencia recibida Mondelval Construcciones', 'RECIBO'])).toEqual([a, e.embedSync('RECIBO')]);
    expect(createLocalEmbedder({ dimensions: 512 }).embedSync('ACME')).toHaveLength(512);
    expect(() => createLocalEmbedder({ dimensions: 100 })).toThrow(RangeError);
  });

  it('writes into the array it is given, and gives all zeros for a text without letters or digits', () => {
    const e = createLocalEmbedder();
    const out = new Float32Array(256).fill(7);
    expect(e.embedSync('Pago ACME', out)).toBe(out);
    expect(out).toEqual(e.embedSync('Pago ACME'));
    expect([...e.embedSync(' -- / ** ')].every((x) => x === 0)).toBe(true);
    expect(() => e.embedSync('x', new Float32Array(8))).toThrow(RangeError);
  });

  it('embeds texts that differ only in case, accents, punctuation or spacing identically', () => {
    const e = createLocalEmbedder();
    expect(e.embedSync('Construcciones Núñez, S.L. — Fra. nº 12')).toEqual(e.embedSync('CONSTRUCCIONES NUNEZ S L FRA N 12'));
    expect(e.embedSync('  Peña   Olvera\tS.A. de C.V.  ')).toEqual(e.embedSync('pena olvera s a de c v'));
  });

  it("folds characters exactly as matching's foldText does, whatever the input", () => {
    const e = createLocalEmbedder({ dimensions: 64 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(e.embedSync(text)).toEqual(e.embedSync(foldText(text)));
      }),
      { numRuns: 400 },
    );
  });

  it('puts a bank description closest to the books text of its own counterparty', () => {
    const e = createLocalEmbedder({ idf: buildIdfTable(CORPUS, { minDocumentFrequency: 1 }) });
    const candidates = ['Factura F-118 Mondelval Construcciones, S.L.', 'Factura 2024/77 Pinloiber Cerámicas S.A.U.', 'Factura A-9 Telefónica de España, S.A.U.', 'Iberdrola Clientes, S.A.U.'];
    const cases: Array<[string, number]> = [
      ['TRANSFERENCIA RECIBIDA MONDELVAL CONSTRUCC CONC FRA 118', 0],
      ['SEPA CT PINLOIBER CERAMICAS SAU / 2024-77', 1],
      ['RECIBO TELEFONICA ESPANA SAU A9', 2],
      ['ADEUDO IBERDROLA CLIENTES', 3],
    ];
    for (const [bank, expected] of cases) {
      const scores = candidates.map((c) => similarity(e, bank, c));
      expect(scores.indexOf(Math.max(...scores)), bank).toBe(expected);
    }
    // A typo plus a truncation keeps much of the similarity (shared n-grams); another party keeps none.
    expect(similarity(e, 'MONDELVAL CONSTRUCCIONES', 'MONDLEVAL CONSTRUCCIO')).toBeGreaterThan(0.4);
    expect(similarity(e, 'MONDELVAL CONSTRUCCIONES', 'PINLOIBER CERAMICAS')).toBeLessThan(0.15);
  });

  it('weighs words every text has (TRANSFERENCIA, RECIBO) less once it has learned the corpus', () => {
    const plain = createLocalEmbedder();
    const learned = createLocalEmbedder({ idf: buildIdfTable(CORPUS, { minDocumentFrequency: 1 }) });
    const a = 'TRANSFERENCIA RECIBIDA MARDUR NIETO SL';
    const b = 'TRANSFERENCIA RECIBIDA REPSOL SL';
    expect(similarity(learned, a, b)).toBeLessThan(similarity(plain, a, b) - 0.15);
    expect(similarity(learned, a, 'MARDUR NIETO')).toBeGreaterThan(similarity(plain, a, 'MARDUR NIETO') + 0.1);
  });
});

describe('IdfTable', () => {
  it('learns document frequencies and leaves rare tokens at the unknown weight', () => {
    const idf = buildIdfTable(CORPUS);
    expect(idf.documents).toBe(CORPUS.length);
    expect(idf.size).toBeGreaterThan(50);
    expect(idf.unknownWeight).toBeCloseTo(Math.log(1 + CORPUS.length) + 1, 10);
    const everyTokenOnce = buildIdfTable(CORPUS, { minDocumentFrequency: 1 });
    expect(everyTokenOnce.size).toBeGreaterThan(idf.size);
    expect(() => buildIdfTable(CORPUS, { minDocumentFrequency: 0 })).toThrow(RangeError);
    expect(IdfTable.empty().unknownWeight).toBe(1);
  });

  it('survives a JSON round trip: same digest, same vectors, same embedder version', () => {
    const idf = buildIdfTable(CORPUS);
    const restored = IdfTable.fromJSON(JSON.parse(JSON.stringify(idf)));
    expect(restored.digest).toBe(idf.digest);
    expect(restored.size).toBe(idf.size);
    const a = createLocalEmbedder({ idf });
    const b = createLocalEmbedder({ idf: restored });
    expect(b.version).toBe(a.version);
    expect(b.embedSync('RECIBO MAPFRE ESPANA SA')).toEqual(a.embedSync('RECIBO MAPFRE ESPANA SA'));
  });

  it('makes the version, and so every text hash, depend on the table', () => {
    const none = createLocalEmbedder();
    const learned = createLocalEmbedder({ idf: buildIdfTable(CORPUS) });
    const other = createLocalEmbedder({ idf: buildIdfTable(CORPUS.slice(0, 20)) });
    expect(none.version).toBe('local-ngram-v1+idf.none');
    expect(new Set([none.version, learned.version, other.version]).size).toBe(3);
    expect(textHash(learned, 'Recibo Mapfre')).not.toBe(textHash(other, 'Recibo Mapfre'));
    expect(textHash(learned, 'Recibo Mapfre')).toBe(textHash(learned, 'RECIBO  MAPFRE.'));
    expect(textHash(learned, 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses JSON that is not a table of this model', () => {
    const json = buildIdfTable(CORPUS).toJSON();
    expect(() => IdfTable.fromJSON(null)).toThrow();
    expect(() => IdfTable.fromJSON({ ...json, model: 'other' })).toThrow();
    expect(() => IdfTable.fromJSON({ ...json, documents: -1 })).toThrow();
    expect(() => IdfTable.fromJSON({ ...json, frequencies: Buffer.alloc(4).toString('base64') })).toThrow();
  });
});

describe('normaliseForEmbedding', () => {
  it('folds case, accents and punctuation like matching does', () => {
    expect(normaliseForEmbedding('  Peña, Olvera — S.A. de C.V.  ')).toBe('PENA OLVERA S A DE C V');
  });
});

describe('embed', () => {
  it('rejects with the reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    await expect(createLocalEmbedder().embed(['a'], controller.signal)).rejects.toThrow('run cancelled');
  });
});
