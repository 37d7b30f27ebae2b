import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { commitStatementFile, listImportBatches, previewStatementFile } from '../imports/import-service.js';

/** The file bytes the renderer sent as base64 (the contract already checked alphabet and size). */
function bytesOf(contentBase64: string): Uint8Array {
  return Buffer.from(contentBase64, 'base64');
}

/** Handlers of `imports.*`: bank-statement files into the database. */
export function importsHandlers(deps: CoreDeps): Pick<Handlers, 'imports.preview' | 'imports.commit' | 'imports.list'> {
  return {
    'imports.preview': (input) =>
      previewStatementFile(deps, {
        companyId: input.companyId,
        accountId: input.accountId,
        fileName: input.fileName,
        bytes: bytesOf(input.contentBase64),
        ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
      }),
    'imports.commit': (input, ctx) =>
      commitStatementFile(deps, {
        companyId: input.companyId,
        accountId: input.accountId,
        fileName: input.fileName,
        bytes: bytesOf(input.contentBase64),
        ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        createAccount: input.createAccount,
        actor: actorOf(ctx.session!),
      }),
    'imports.list': (input) => listImportBatches(deps, input.companyId),
  };
}
