import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { addAlias, deleteAlias, deleteRejectedPair, listLearning } from '../reconcile/learning.js';
import { getMatchingSettings, setMatchingSettings } from '../reconcile/settings.js';
import { listLocks, lockPeriod, unlockPeriod } from '../reconcile/locks.js';
import { reconciliationReport } from '../reports/report-service.js';
import { CoreError } from '../contract/index.js';
import { getSetting } from '../db/repos/settings-repo.js';

type Methods =
  | 'learning.list' | 'learning.addRule' | 'learning.deleteAlias' | 'learning.deleteRejected' | 'matchingSettings.get' | 'matchingSettings.set'
  | 'periodLocks.list' | 'periodLocks.lock' | 'periodLocks.unlock' | 'reports.reconciliation' | 'reports.export';

/** Handlers of what decisions taught, per-company settings, period locks and the report. */
export function learningHandlers(deps: CoreDeps): Pick<Handlers, Methods> {
  const accountCompany = (accountId: number): number | null =>
    (deps.db.prepare('SELECT company_id FROM bank_accounts WHERE id = ?').get(accountId) as { company_id: number } | undefined)?.company_id ?? null;
  const requireCompany = (companyId: number): void => {
    if (!deps.db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) throw new CoreError('not_found', 'That company does not exist.');
  };
  return {
    'learning.list': (input) => listLearning(deps.db, input.companyId),
    'learning.addRule': (input, ctx) => {
      requireCompany(input.companyId);
      if (input.counterpartyName === null && input.taxId === null) throw new CoreError('invalid_input', 'A rule needs the counterparty name or tax id to use.');
      const alias = addAlias(deps, actorOf(ctx.session!), { ...input, source: 'rule' });
      deps.emit('data.changed', { entity: 'matches', companyId: input.companyId });
      return alias;
    },
    'learning.deleteAlias': (input, ctx) => {
      deleteAlias(deps, actorOf(ctx.session!), input.id);
      return {};
    },
    'learning.deleteRejected': (input, ctx) => {
      deleteRejectedPair(deps, actorOf(ctx.session!), input.id);
      return {};
    },
    'matchingSettings.get': (input) => getMatchingSettings(deps.db, input.companyId),
    'matchingSettings.set': (input, ctx) => {
      const { companyId, ...settings } = input;
      return setMatchingSettings(deps.db, deps.clock, actorOf(ctx.session!), companyId, settings);
    },
    'periodLocks.list': (input) => listLocks(deps.db, input.companyId),
    'periodLocks.lock': (input, ctx) => {
      const lock = lockPeriod(deps.db, deps.clock, actorOf(ctx.session!), input.accountId, input.through);
      deps.emit('data.changed', { entity: 'accounts', companyId: accountCompany(input.accountId) });
      return lock;
    },
    'periodLocks.unlock': (input, ctx) => {
      unlockPeriod(deps.db, deps.clock, actorOf(ctx.session!), input.accountId);
      deps.emit('data.changed', { entity: 'accounts', companyId: accountCompany(input.accountId) });
      return {};
    },
    'reports.reconciliation': (input) => reconciliationReport(deps.db, deps.clock, input.accountId, input.to),
    'reports.export': async (input) => {
      const report = reconciliationReport(deps.db, deps.clock, input.accountId, input.to);
      const names = deps.db.prepare('SELECT c.name AS company FROM bank_accounts a JOIN companies c ON c.id = a.company_id WHERE a.id = ?').get(input.accountId) as { company: string };
      const firmName = getSetting<string>(deps.db, 'firm.name') ?? null;
      const { exportReport, reportFileName, reportMimeType } = await import('../reports/export.js');
      const context = { locale: input.language, companyName: names.company, firmName };
      if (input.format !== 'pdf') {
        const file = await exportReport(report, { ...context, format: input.format });
        return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.bytes).toString('base64') };
      }
      const html = await exportReport(report, { ...context, format: 'html' });
      const { htmlToPdfWithChromium } = await import('../reports/pdf-chromium.js');
      const pdf = await htmlToPdfWithChromium(new TextDecoder().decode(html.bytes), process.env['CHROMIUM_PATH'] ? { chromiumPath: process.env['CHROMIUM_PATH'] } : {});
      return { fileName: reportFileName(report, 'pdf', input.language), mimeType: reportMimeType('pdf'), contentBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}
