/**
 * Progress events of an import: `task.progress` with the caller's task id (or a generated
 * one), at the start and end of each stage and every PROGRESS_EVERY lines in between.
 * Every report before 'done' is also a cancellation point: a task the caller cancelled
 * (`tasks.cancel`) throws CoreError('cancelled') there, inside the import's transaction, so
 * nothing is written. 'done' is reported after the commit, when it is too late to cancel.
 */
import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../core.js';
import { PROGRESS_EVERY } from './statement-file.js';

/** Reports how far a stage got: `done` of `total` (null when not known yet). */
export type Progress = (stage: string, done: number, total: number | null) => void;

/** A progress reporter for one import; `taskId` is the caller's id, when it gave one. */
export function progressReporter(deps: CoreDeps, taskId: string | null = null): Progress {
  const id = taskId ?? `import-${randomUUID()}`;
  let last = -1;
  return (stage, done, total) => {
    if (stage !== 'done') deps.cancellation.throwIfCancelled(taskId);
    // Every PROGRESS_EVERY lines, and at the start and end of each stage.
    if (done !== 0 && done !== total && done - last < PROGRESS_EVERY) return;
    last = done === total ? -1 : done;
    deps.emit('task.progress', { taskId: id, kind: 'import', stage, done, total });
  };
}
