// The semantic pass over what the deterministic stages left: part payments named only by text,
// counterparties learned from past approved lines, never an auto-approval, never a deposit paired
// with an outgoing item, and nothing taken twice.
import { describe, expect, it } from 'vitest';
import { renderReason, resolveParameters, semanticPass, bankLineText, bookItemText, type MatchInput, type MatchResult, type SemanticSearch, type UnmatchedTreatment } from '../../main/core/matching/index.js';
import { buildIdfTable, createLocalEmbedder } from '../../main/core/embed/index.js';
import { invoice, line, proposalFor } from './support.js';

function searchFor(input: MatchInput, nearestApproved?: SemanticSearch['nearestApproved']): SemanticSearch {
  const embedder = createLocalEmbedder({ idf: buildIdfTable([...input.bankLines.map(bankLineText), ...input.bookItems.map(bookItemText)]) });
  return { embed: (text) => embedder.embedSync(text), ...(nearestApproved ? { nearestApproved } : {}) };
}

/** What the deterministic stages would leave: every line unmatched (with its treatment), every item open. */
function leftOver(input: MatchInput, treatments: Record<string, UnmatchedTreatment> = {}): MatchResult {
  return {
    engineVersion: 'test', modelVersion: 'test', parameters: resolveParameters(), proposals: [], diagnostics: [],
    unmatchedBank: input.bankLines.map((l) => ({ bankId: l.id, suggestedTreatment: treatments[l.id] ?? null, reasons: [], candidates: [] })),
    openBooks: input.bookItems.map((i) => ({ bookId: i.id, amountMinor: i.openAmountMinor })),
    stats: { bankLines: input.bankLines.length, bookItems: input.bookItems.length, candidatesScored: 0, drafts: 0, proposals: 0, autoApproved: 0, pendingReview: 0, unmatchedBank: input.bankLines.length, stageMs: {} },
  };
}

const others = [
  invoice('o1', '2024-03-01', 1_234_00, 'Talleres Mecánicos Ruiz S.L.', { documentNumber: 'FV-1' }),
  invoice('o2', '2024-03-02', 2_345_00, 'Construcciones Vega S.L.', { documentNumber: 'FV-2' }),
  invoice('o3', '2024-03-03', 3_456_00, 'Papelería Sol S.A.', { documentNumber: 'FV-3' }),
];

describe('the semantic pass', () => {
  it('proposes a part payment the bank text names, for review, and leaves the rest open', () => {
    const input: MatchInput = {
      bankLines: [line('L1', '2024-04-21', 2000_00, 'SPEI RECIBIDO BBVA MEXICO CVE RASTREO BAJI6689NFNH', { counterpartyName: 'ZARELEC TRANSPORTES SA DE CV' })],
      bookItems: [invoice('I1', '2024-03-21', 2623_29, 'Zarelec Transportes, SA de CV', { documentNumber: 'A-244' }), ...others],
    };
    const engine = leftOver(input);
    const { result, stats } = semanticPass(input, engine, searchFor(input));
    expect(stats.proposals).toBe(1);
    const p = proposalFor(result, 'L1')!;
    expect(p).toMatchObject({ kind: 'semantic', status: 'pending_review', bookIds: ['I1'], allocations: [{ bookId: 'I1', amountMinor: 2000_00 }], differenceMinor: 0 });
    expect(p.confidence).toBeLessThan(0.6);
    expect(p.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['semantic_similarity', 'partial_payment', 'no_strong_signal']));
    expect(renderReason(p.reasons[0]!)).toMatch(/% similar to the item's text "Zarelec Transportes, SA de CV A-244"/);
    expect(result.openBooks.find((a) => a.bookId === 'I1')?.amountMinor).toBe(623_29);
    expect(result.unmatchedBank).toEqual([]);
    expect(result.stats.pendingReview).toBe(1);
  });

  it('takes a counterparty from past approved lines of similar text, even when the text says nothing like the books', () => {
    const input: MatchInput = {
      bankLines: [line('L1', '2024-03-08', 912_75, 'TRANSF SIDN GRP 0046')],
      bookItems: [invoice('I1', '2024-02-10', 912_75, 'Suministros Industriales del Norte S.A.', { taxId: 'A48123457' }), invoice('I2', '2024-02-10', 500_00, 'Otra S.L.')],
    };
    const engine = leftOver(input);
    const withoutHistory = semanticPass(input, engine, searchFor(input));
    expect(proposalFor(withoutHistory.result, 'L1')).toBeUndefined();
    const history = semanticPass(input, engine, searchFor(input, () => [{ similarity: 0.93, taxId: 'A48123457', counterpartyName: 'Suministros Industriales del Norte S.A.' }]));
    const p = proposalFor(history.result, 'L1')!;
    expect(p).toMatchObject({ kind: 'semantic', status: 'pending_review', bookIds: ['I1'], differenceMinor: 0 });
    expect(p.reasons.map((r) => r.code)).toContain('semantic_counterparty');
    // A neighbour below the similarity floor teaches nothing.
    const far = semanticPass(input, engine, searchFor(input, () => [{ similarity: 0.5, taxId: 'A48123457' }]));
    expect(proposalFor(far.result, 'L1')).toBeUndefined();
  });

  it('never pairs a deposit with an outgoing item, and leaves bank charges alone', () => {
    const input: MatchInput = {
      bankLines: [
        line('L1', '2024-04-02', 900_00, 'TRANSFERENCIA DE VARIOS', { counterpartyName: 'RECAMBIOS BELTORTAL BILBAO SL' }),
        line('L2', '2024-04-03', -12_50, 'COMISION MANTENIMIENTO CUENTA'),
      ],
      bookItems: [invoice('I1', '2024-03-14', -1500_00, 'Recambios Beltortal Bilbao S.L.', { documentNumber: 'FP-135' }), invoice('I2', '2024-03-14', -12_50, 'Comisiones')],
    };
    const engine = leftOver(input, { L2: 'bank_charge' });
    const { result, stats } = semanticPass(input, engine, searchFor(input));
    expect(proposalFor(result, 'L1')).toBeUndefined();
    expect(proposalFor(result, 'L2')).toBeUndefined();
    expect(stats.linesConsidered).toBe(1);
    expect(result.unmatchedBank.map((u) => u.bankId)).toEqual(['L1', 'L2']);
  });

  it('gives each item at most what is open, and is deterministic', () => {
    const input: MatchInput = {
      bankLines: [
        line('L1', '2024-04-10', 600_00, 'ABONO TRANSFERENCIA', { counterpartyName: 'TECGEO CERAMICAS SAU' }),
        line('L2', '2024-04-11', 600_00, 'ABONO TRANSFERENCIA', { counterpartyName: 'TECGEO CERAMICAS SAU' }),
      ],
      bookItems: [invoice('I1', '2024-03-28', 1000_00, 'Tecgeo Cerámicas S.A.U.', { documentNumber: 'F-440' }), ...others],
    };
    const engine = leftOver(input);
    const first = semanticPass(input, engine, searchFor(input));
    const again = semanticPass(input, engine, searchFor(input));
    expect(again.result).toEqual(first.result);
    const allocated = first.result.proposals.filter((p) => p.kind === 'semantic').flatMap((p) => p.allocations).filter((a) => a.bookId === 'I1').reduce((s, a) => s + a.amountMinor, 0);
    expect(allocated).toBeLessThanOrEqual(1000_00);
    const left = first.result.openBooks.find((a) => a.bookId === 'I1')?.amountMinor ?? 0;
    expect(allocated + left).toBe(1000_00);
  });
});
