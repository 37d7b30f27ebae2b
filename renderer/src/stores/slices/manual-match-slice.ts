import type { ManualDraft, ManualMatchSlice, ManualSearchQuery, ManualSearchResults } from '../review-types.js';
import type { SliceCreator, SliceDeps } from '../types.js';
import { defaultAllocation, manualInput, manualProblems, manualTotals, ruleDefaults, toManualBankLine, toManualItem } from './manual-match-model.js';

/** Results the builder's search shows at once; more means the search should be narrower. */
export const MANUAL_SEARCH_LIMIT = 50;

function defaultSearch(): ManualSearchQuery {
  return { side: 'books', accountId: null, text: '', minAmountMinor: null, maxAmountMinor: null, from: null, to: null, status: 'unmatched' };
}

function emptyResults(query: ManualSearchQuery = defaultSearch()): ManualSearchResults {
  return { query, books: [], bank: [], total: null, loading: false, error: null };
}

/** The slice's data before the builder was opened (also what logging out leaves). */
export function initialManualMatch(): Pick<ManualMatchSlice, 'manualDraft' | 'manualSearch'> {
  return { manualDraft: null, manualSearch: emptyResults() };
}

/**
 * The manual match builder: bank lines against books items chosen by searching, with editable
 * allocations, a running difference and its treatment, an optional rule, sent as one match.
 */
export function createManualMatchSlice(deps: SliceDeps): SliceCreator<ManualMatchSlice> {
  return (set, get) => {
    let searchSeq = 0;
    const patchDraft = (change: Partial<ManualDraft> | ((draft: ManualDraft) => Partial<ManualDraft>)): void =>
      set((s) => (s.manualDraft ? { manualDraft: { ...s.manualDraft, ...(typeof change === 'function' ? change(s.manualDraft) : change), error: null } } : {}));

    const search = async (query: ManualSearchQuery): Promise<void> => {
      const seq = ++searchSeq;
      const companyId = get().manualDraft?.companyId;
      set({ manualSearch: { ...get().manualSearch, query, loading: true, error: null } });
      if (companyId === undefined) return;
      const filter = {
        from: query.from, to: query.to, minAmountMinor: query.minAmountMinor, maxAmountMinor: query.maxAmountMinor,
        search: query.text.trim(), status: query.status, sort: 'date' as const, direction: 'desc' as const, offset: 0, limit: MANUAL_SEARCH_LIMIT,
      };
      if (query.side === 'books') {
        const result = await deps.call('bookItems.list', { companyId, accountId: null, kind: null, ...filter });
        if (seq !== searchSeq) return;
        set({ manualSearch: result.ok ? { ...emptyResults(query), books: result.value.rows, total: result.value.total } : { ...emptyResults(query), error: result.error } });
        return;
      }
      if (query.accountId === null) {
        set({ manualSearch: { ...emptyResults(query), total: 0 } });
        return;
      }
      const result = await deps.call('bankLines.list', { accountId: query.accountId, ...filter });
      if (seq !== searchSeq) return;
      set({ manualSearch: result.ok ? { ...emptyResults(query), bank: result.value.rows, total: result.value.total } : { ...emptyResults(query), error: result.error } });
    };

    return {
      ...initialManualMatch(),

      openManualMatch: (origin) => {
        const companyId = get().currentCompanyId;
        if (companyId === null) return;
        const fromBank = 'bankLines' in origin;
        const bankLines = fromBank ? origin.bankLines.map(toManualBankLine) : [];
        const item = fromBank ? null : toManualItem(origin.item);
        const books = fromBank ? (origin.books ?? []) : [];
        const draft: ManualDraft = {
          companyId,
          bankLines,
          allocations: item
            ? [{ item, amountMinor: item.openAmountMinor }]
            : books.map((book) => ({ item: toManualItem(book), amountMinor: book.allocatedMinor })),
          treatment: 'none',
          writeOffAccount: '',
          note: '',
          rule: { enabled: false, bankText: '', counterpartyName: '', taxId: '' },
          submitting: false,
          error: null,
        };
        // From a bank line the builder looks for books items; from an item, for bank lines of an account.
        const accounts = get().accounts.filter((a) => a.companyId === companyId && !a.archived);
        const accountId = bankLines[0]?.accountId ?? item?.accountId ?? accounts[0]?.id ?? null;
        set({ manualDraft: draft });
        void search({ ...defaultSearch(), side: fromBank ? 'books' : 'bank', accountId });
      },

      closeManualMatch: () => {
        searchSeq++;
        set(initialManualMatch());
      },

      setManualSearch: (change) => search({ ...get().manualSearch.query, ...change }),

      toggleManualBankLine: (line) =>
        patchDraft((draft) => ({
          bankLines: draft.bankLines.some((l) => l.id === line.id)
            ? draft.bankLines.filter((l) => l.id !== line.id)
            : [...draft.bankLines, toManualBankLine(line)],
        })),

      toggleManualItem: (item) =>
        patchDraft((draft) => {
          if (draft.allocations.some((a) => a.item.id === item.id)) return { allocations: draft.allocations.filter((a) => a.item.id !== item.id) };
          const kept = toManualItem(item);
          return { allocations: [...draft.allocations, { item: kept, amountMinor: defaultAllocation(kept, manualTotals(draft).differenceMinor) }] };
        }),

      setManualAllocation: (itemId, amountMinor) =>
        patchDraft((draft) => ({ allocations: draft.allocations.map((a) => (a.item.id === itemId ? { ...a, amountMinor } : a)) })),

      setManualTreatment: (treatment) => patchDraft({ treatment }),

      setManualField: (change) => patchDraft(change),

      setManualRule: (change) =>
        patchDraft((draft) => {
          const rule = { ...draft.rule, ...change };
          // Switching the rule on proposes its texts from what was chosen; the person edits them.
          return { rule: change.enabled && !draft.rule.enabled ? ruleDefaults(draft, rule) : rule };
        }),

      submitManualMatch: async () => {
        const draft = get().manualDraft;
        if (!draft || draft.submitting || manualProblems(draft).length > 0) return false;
        set({ manualDraft: { ...draft, submitting: true, error: null } });
        const result = await deps.call('matches.createManual', manualInput(draft));
        if (!result.ok) {
          set((s) => ({ manualDraft: s.manualDraft && { ...s.manualDraft, submitting: false, error: result.error } }));
          return false;
        }
        get().closeManualMatch();
        get().recordDecision(result.value, 'manual', 'pending_review');
        return true;
      },
    };
  };
}
