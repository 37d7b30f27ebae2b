import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { archiveAccount, createAccount, listAccountRecords, renameAccount } from '../domain/accounts.js';

/** Handlers of `accounts.*`: the bank accounts of a company. */
export function accountsHandlers(
  deps: CoreDeps,
): Pick<Handlers, 'accounts.list' | 'accounts.create' | 'accounts.rename' | 'accounts.archive'> {
  return {
    'accounts.list': (input) => listAccountRecords(deps, input.companyId, input.includeArchived),
    'accounts.create': (input, ctx) => createAccount(deps, actorOf(ctx.session!), input),
    'accounts.rename': (input, ctx) => renameAccount(deps, actorOf(ctx.session!), input),
    'accounts.archive': (input, ctx) => archiveAccount(deps, actorOf(ctx.session!), input),
  };
}
