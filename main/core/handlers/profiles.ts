import type { CoreDeps } from '../core.js';
import type { Handlers } from '../rpc/dispatch.js';
import { actorOf } from '../audit/audit-log.js';
import { deleteProfile, listProfiles, saveProfile } from '../profiles/profiles.js';

/** Handlers of `profiles.*`: saved spreadsheet profiles (column mappings), firm-wide or per company. */
export function profilesHandlers(deps: CoreDeps): Pick<Handlers, 'profiles.list' | 'profiles.save' | 'profiles.delete'> {
  return {
    'profiles.list': (input) => listProfiles(deps, input.companyId),
    'profiles.save': (input, ctx) => saveProfile(deps, actorOf(ctx.session!), input.companyId, input.profile),
    'profiles.delete': (input, ctx) => {
      deleteProfile(deps, actorOf(ctx.session!), input.id);
      return {};
    },
  };
}
