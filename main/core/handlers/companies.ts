import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { archiveCompany, createCompany, listCompanyRecords, renameCompany } from '../domain/companies.js';

/** Handlers of `companies.*`: the firm's client companies (empresas). */
export function companiesHandlers(
  deps: CoreDeps,
): Pick<Handlers, 'companies.list' | 'companies.create' | 'companies.rename' | 'companies.archive'> {
  return {
    'companies.list': (input) => listCompanyRecords(deps, input.includeArchived),
    'companies.create': (input, ctx) => createCompany(deps, actorOf(ctx.session!), input),
    'companies.rename': (input, ctx) => renameCompany(deps, actorOf(ctx.session!), input),
    'companies.archive': (input, ctx) => archiveCompany(deps, actorOf(ctx.session!), input),
  };
}
