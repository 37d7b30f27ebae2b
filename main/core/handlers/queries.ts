import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { bankLinesPage, bookItemsPage } from '../queries/lists.js';

/** Handlers of the account view's lists: `bankLines.list` and `bookItems.list`. */
export function queriesHandlers(deps: CoreDeps): Pick<Handlers, 'bankLines.list' | 'bookItems.list'> {
  return {
    'bankLines.list': (input) => bankLinesPage(deps, input),
    'bookItems.list': (input) => bookItemsPage(deps, input),
  };
}
