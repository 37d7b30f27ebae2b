import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';

/**
 * Handler of `tasks.cancel` for a core called in-process. Hosts with a worker never get here:
 * CoreClient answers `tasks.cancel` itself, since the worker is busy with the very task to cancel.
 */
export function tasksHandlers(deps: CoreDeps): Pick<Handlers, 'tasks.cancel'> {
  return {
    'tasks.cancel': (input) => ({ cancelled: deps.cancellation.cancel(input.taskId) }),
  };
}
