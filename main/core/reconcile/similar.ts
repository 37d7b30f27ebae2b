/** "Find similar" for the review screen: past approved lines like a line or a text, and how they were matched. */
import type { CoreDeps } from '../core.js';
import { CoreError, type MethodOutput, type MethodParsedInput } from '../contract/index.js';
import { bankLineText } from '../matching/index.js';
import { bankViews, summaries } from './matches-repo.js';
import { findSimilar } from './semantic-run.js';
import { SETTLED_STATUSES_SQL } from './statuses.js';

export async function similarLines(deps: CoreDeps, input: MethodParsedInput<'matches.similar'>): Promise<MethodOutput<'matches.similar'>> {
  const { db } = deps;
  let text = input.text;
  let self: number | null = null;
  if (input.bankLineId !== null) {
    const row = db.prepare('SELECT l.description, l.counterparty_name, a.company_id FROM bank_lines l JOIN bank_accounts a ON a.id = l.account_id WHERE l.id = ?')
      .get(input.bankLineId) as { description: string; counterparty_name: string | null; company_id: number } | undefined;
    if (!row || row.company_id !== input.companyId) throw new CoreError('not_found', 'That bank line does not exist in this company.');
    text = bankLineText({ description: row.description, ...(row.counterparty_name ? { counterpartyName: row.counterparty_name } : {}) });
    self = input.bankLineId;
  }
  if (text === null || text === '') throw new CoreError('invalid_input', 'Give a bank line or a text to compare.');
  const hits = (await findSimilar(deps, input.companyId, text, input.limit + 1))
    .filter((h) => h.bankLineId !== self).slice(0, input.limit);
  const lines = bankViews(db, hits.map((h) => h.bankLineId));
  const matchOf = db.prepare(`SELECT m.id FROM match_lines ml JOIN matches m ON m.id = ml.match_id WHERE ml.bank_line_id = ? AND m.status IN ${SETTLED_STATUSES_SQL} ORDER BY m.id DESC LIMIT 1`);
  return hits.flatMap((h) => {
    const bankLine = lines.get(h.bankLineId);
    if (!bankLine) return [];
    const matchId = (matchOf.get(h.bankLineId) as { id: number } | undefined)?.id;
    return [{ similarity: Math.round(h.similarity * 10000) / 10000, bankLine, match: matchId === undefined ? null : (summaries(db, [matchId])[0] ?? null) }];
  });
}
