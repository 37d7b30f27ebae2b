import type { User } from '../../../../main/core/contract/index.js';
import type { SliceCreator, SliceDeps, UsersSlice } from '../types.js';

/** The slice's data as it is before anything was loaded. */
export function initialUsers(): Pick<UsersSlice, 'users' | 'usersLoaded' | 'usersCheckedAt' | 'usersErrors'> {
  return { users: [], usersLoaded: false, usersCheckedAt: 0, usersErrors: { load: null, create: null } };
}

const byUsername = (a: User, b: User): number => a.username.localeCompare(b.username);

/** The firm's users, for administrators. */
export function createUsersSlice(deps: SliceDeps): SliceCreator<UsersSlice> {
  return (set, get) => ({
    ...initialUsers(),

    loadUsers: async () => {
      const result = await deps.call('users.list', {});
      if (!result.ok) {
        set((state) => ({ usersErrors: { ...state.usersErrors, load: result.error } }));
        return;
      }
      set((state) => ({
        users: [...result.value].sort(byUsername),
        usersLoaded: true,
        usersCheckedAt: Date.now(),
        usersErrors: { ...state.usersErrors, load: null },
      }));
    },

    createUser: async (input) => {
      set((state) => ({ usersErrors: { ...state.usersErrors, create: null } }));
      const result = await deps.call('users.create', input);
      if (!result.ok) {
        set((state) => ({ usersErrors: { ...state.usersErrors, create: result.error } }));
        return false;
      }
      const user = result.value;
      set((state) => ({ users: [...state.users.filter((u) => u.id !== user.id), user].sort(byUsername) }));
      get().pushToast({ tone: 'info', message: { key: 'toast.userCreated', params: { name: user.displayName } } });
      return true;
    },
  });
}
