import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { commitImportFile, listImportBatches, previewImportFile, type ImportFileInput } from '../imports/import-service.js';
import type { MethodParsedInput } from '../contract/index.js';

/** The file bytes the renderer sent as base64 (the contract already checked alphabet and size). */
function bytesOf(contentBase64: string): Uint8Array {
  return Buffer.from(contentBase64, 'base64');
}

/** The service's view of a preview or commit input: bytes instead of base64. */
function fileInput(input: MethodParsedInput<'imports.preview'>): ImportFileInput {
  return {
    companyId: input.companyId,
    accountId: input.accountId,
    fileName: input.fileName,
    bytes: bytesOf(input.contentBase64),
    ...(input.encoding !== undefined ? { encoding: input.encoding } : {}),
    ...(input.format !== undefined ? { format: input.format } : {}),
    side: input.side,
    profileId: input.profileId,
    mapping: input.mapping,
    taskId: input.taskId,
  };
}

/** Handlers of `imports.*`: bank statements, bank and books spreadsheets and CFDI into the database. */
export function importsHandlers(deps: CoreDeps): Pick<Handlers, 'imports.preview' | 'imports.commit' | 'imports.list'> {
  return {
    'imports.preview': (input) => previewImportFile(deps, fileInput(input)),
    'imports.commit': (input, ctx) =>
      commitImportFile(deps, {
        ...fileInput(input),
        createAccount: input.createAccount,
        saveProfileAs: input.saveProfileAs,
        actor: actorOf(ctx.session!),
      }),
    'imports.list': (input) => listImportBatches(deps, input.companyId),
  };
}
