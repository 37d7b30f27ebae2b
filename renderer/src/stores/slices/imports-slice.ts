import type { ImportPreview, MethodInput } from '../../../../main/core/contract/index.js';
import type { DroppedFile, ImportsSlice, InboxFile, SliceCreator, SliceDeps } from '../types.js';
import { readFileBase64 } from './file-base64.js';
import { isImportable } from './inbox-readiness.js';

/** The largest file the core accepts (MAX_IMPORT_BYTES of the contract; its runtime is not imported here). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Previews run a few at a time: a folder of 500 CFDI files must not flood the core. */
const PREVIEW_CONCURRENCY = 2;

/** The slice's data as it is before anything was dropped. */
export function initialImports(): Pick<ImportsSlice, 'inboxFiles' | 'importRun' | 'profiles'> {
  return { inboxFiles: [], importRun: null, profiles: [] };
}

/** A task id for one file; crypto.randomUUID needs a secure context, which both hosts are. */
function newId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `file-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Files a folder brings along that are never statements (macOS and Windows leftovers). */
const isJunk = (name: string): boolean => name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name);

/** Runs `work` over items with at most `limit` at a time, in order of start. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What the core takes to preview a file with the choices made so far. */
function previewInput(file: InboxFile, content: string): MethodInput<'imports.preview'> {
  return {
    companyId: file.companyId,
    accountId: file.accountId,
    fileName: file.fileName,
    contentBase64: content,
    ...(file.encoding !== null ? { encoding: file.encoding } : {}),
    side: file.side,
    profileId: null,
    mapping: file.mapping,
    taskId: null,
  };
}

/** The account a file names when the company has not got it (kept when the person picks another). */
function namedAccountOf(preview: ImportPreview, before: InboxFile['namedAccount']): InboxFile['namedAccount'] {
  const creates = preview.statements.map((s) => s.resolution).filter((r) => r.kind === 'create');
  const first = creates[0];
  if (!first) return before;
  return { name: first.name, currency: first.currency, count: new Set(creates.map((r) => r.name)).size };
}

/** The Inbox: dropped files, their previews, the choices about them, and "Import all" with progress and cancel. */
export function createImportsSlice(deps: SliceDeps): SliceCreator<ImportsSlice> {
  return (set, get) => {
    // Answers can arrive out of order when a person changes choices quickly: only the newest counts.
    const previewSeq = new Map<string, number>();

    const patch = (id: string, change: Partial<InboxFile>): void =>
      set((state) => ({ inboxFiles: state.inboxFiles.map((file) => (file.id === id ? { ...file, ...change } : file)) }));
    const fileOf = (id: string): InboxFile | undefined => get().inboxFiles.find((file) => file.id === id);

    const preview = async (id: string): Promise<void> => {
      const file = fileOf(id);
      if (!file?.contentBase64) return;
      const seq = (previewSeq.get(id) ?? 0) + 1;
      previewSeq.set(id, seq);
      patch(id, { phase: 'checking', error: null });
      const result = await deps.call('imports.preview', previewInput(file, file.contentBase64));
      const current = fileOf(id);
      if (!current || previewSeq.get(id) !== seq) return;
      if (!result.ok) {
        patch(id, { phase: 'checked', preview: null, error: result.error });
        return;
      }
      const named = namedAccountOf(result.value, current.namedAccount);
      // The first time a file names an unknown account, creating it is the expected choice.
      const createAccount = current.namedAccount === null && named !== null && current.accountId === null ? true : current.createAccount;
      patch(id, { phase: 'checked', preview: result.value, error: null, namedAccount: named, createAccount });
    };

    const read = async (id: string, source: DroppedFile): Promise<void> => {
      try {
        const content = await readFileBase64(source);
        patch(id, { contentBase64: content, phase: 'checking' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        patch(id, { phase: 'checked', error: { code: 'import_unreadable', message } });
      }
    };

    const patchRun = (change: Partial<NonNullable<ImportsSlice['importRun']>>): void =>
      set((state) => ({ importRun: state.importRun ? { ...state.importRun, ...change } : null }));

    return {
      ...initialImports(),

      addFiles: async (sources) => {
        const companyId = get().currentCompanyId;
        if (companyId === null) {
          get().pushToast({ tone: 'error', message: { key: 'inbox.noCompany.toast' } });
          return;
        }
        const wanted = sources.filter((source) => !isJunk(source.name));
        const added = wanted.map((source): InboxFile => ({
          id: newId(),
          companyId,
          fileName: source.name,
          size: source.size,
          contentBase64: null,
          side: null,
          encoding: null,
          accountId: null,
          createAccount: false,
          namedAccount: null,
          mapping: null,
          saveProfileAs: null,
          skipped: false,
          phase: source.size > MAX_FILE_BYTES ? 'checked' : 'reading',
          preview: null,
          error: source.size > MAX_FILE_BYTES ? { code: 'invalid_input', message: 'The file is larger than 100 MiB.', details: { reason: 'too_large' } } : null,
          progress: null,
          result: null,
        }));
        if (added.length === 0) return;
        // A new drop starts a new batch of work: the previous summary has been read.
        set((state) => ({ inboxFiles: [...state.inboxFiles, ...added], importRun: state.importRun?.running ? state.importRun : null }));
        const jobs = added.flatMap((file, index) => (file.phase === 'reading' ? [{ id: file.id, source: wanted[index]! }] : []));
        await inPool(jobs, PREVIEW_CONCURRENCY, async ({ id, source }) => {
          await read(id, source);
          await preview(id);
        });
      },

      setFileSide: async (id, side) => {
        // Another side reads the file differently: an earlier mapping no longer applies.
        patch(id, { side, mapping: null, saveProfileAs: null });
        await preview(id);
      },

      setFileEncoding: async (id, encoding) => {
        patch(id, { encoding });
        await preview(id);
      },

      setFileAccount: async (id, choice) => {
        if (choice === 'create') patch(id, { accountId: null, createAccount: true });
        else patch(id, { accountId: choice, createAccount: false });
        await preview(id);
      },

      applyMapping: async (id, mapping, saveAs) => {
        patch(id, { mapping, side: mapping.side, saveProfileAs: saveAs });
        await preview(id);
      },

      previewMapping: async (id, mapping) => {
        const file = fileOf(id);
        if (!file?.contentBase64) return { ok: false, error: { code: 'not_found', message: 'file gone' } };
        return deps.call('imports.preview', previewInput({ ...file, mapping, side: mapping.side }, file.contentBase64));
      },

      loadProfiles: async () => {
        const result = await deps.call('profiles.list', { companyId: get().currentCompanyId });
        // Without the list the mapping screen still works: profiles are a shortcut, not a need.
        set({ profiles: result.ok ? result.value : [] });
      },

      setFileSkipped: (id, skipped) => patch(id, { skipped }),

      removeFile: (id) => {
        previewSeq.delete(id);
        set((state) => ({ inboxFiles: state.inboxFiles.filter((file) => file.id !== id) }));
      },

      clearFinished: () =>
        set((state) => ({
          inboxFiles: state.inboxFiles.filter((file) => file.phase !== 'imported' && !file.skipped),
          importRun: state.importRun?.running ? state.importRun : null,
        })),

      importAll: async () => {
        const companyId = get().currentCompanyId;
        if (companyId === null || get().importRun?.running) return;
        const ready = get().inboxFiles.filter((file) => file.companyId === companyId && isImportable(file));
        if (ready.length === 0) return;
        set({ importRun: { fileIds: ready.map((file) => file.id), running: true, cancelling: false, cancelled: false, currentId: null } });
        let accountsCreated = false;
        for (const queued of ready) {
          if (get().importRun?.cancelling) break;
          const file = fileOf(queued.id);
          if (!file?.contentBase64 || !file.preview) continue;
          patchRun({ currentId: file.id });
          patch(file.id, { phase: 'importing', progress: { stage: 'start', done: 0, total: null }, error: null });
          const result = await deps.call('imports.commit', {
            ...previewInput(file, file.contentBase64),
            // What the person saw is what gets imported: the side the preview decided.
            side: file.side ?? file.preview.side,
            taskId: file.id,
            createAccount: file.createAccount,
            saveProfileAs: file.mapping ? file.saveProfileAs : null,
          });
          if (!result.ok) {
            const cancelled = result.error.code === 'cancelled';
            patch(file.id, { phase: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : result.error, progress: null });
            continue;
          }
          accountsCreated ||= result.value.createdAccounts.length > 0;
          patch(file.id, { phase: 'imported', result: result.value, progress: null });
        }
        const cancelled = get().importRun?.cancelling === true;
        patchRun({ running: false, cancelling: false, cancelled, currentId: null });
        if (accountsCreated) await get().loadAccounts();
      },

      cancelImport: async () => {
        const run = get().importRun;
        if (!run?.running || run.cancelling) return;
        patchRun({ cancelling: true });
        if (run.currentId === null) return;
        const result = await deps.call('tasks.cancel', { taskId: run.currentId });
        // A core that cannot stop the current file still stops the run before the next one.
        if (!result.ok) get().pushToast({ tone: 'error', error: result.error });
      },

      onTaskProgress: ({ taskId, stage, done, total }) => {
        const file = fileOf(taskId);
        if (file?.phase !== 'importing') return;
        patch(taskId, { progress: { stage, done, total } });
      },
    };
  };
}
