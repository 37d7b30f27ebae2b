import { useEffect, useState } from 'react';
import type { User } from '../../../../main/core/contract/index.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { TopBar } from '../../components/TopBar.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { UserCreateForm } from './UserCreateForm.js';

function UserStatus({ user }: { user: User }) {
  const { t, dateTime } = useI18n();
  const checkedAt = useAppStore((state) => state.usersCheckedAt);
  if (!user.active) return <StatusBadge tone="neutral" label={t('users.inactive')} />;
  if (user.lockedUntil && Date.parse(user.lockedUntil) > checkedAt) {
    return <StatusBadge tone="pending" label={t('users.lockedUntil', { time: dateTime(user.lockedUntil) })} />;
  }
  return <StatusBadge tone="ok" label={t('status.active')} />;
}

/** The firm's users (administrators only): list and create with a role. */
export function UsersScreen() {
  const { t, tn, date, error: describe } = useI18n();
  const me = useAppStore((state) => state.user);
  const users = useAppStore((state) => state.users);
  const loaded = useAppStore((state) => state.usersLoaded);
  const loadError = useAppStore((state) => state.usersErrors.load);
  const loadUsers = useAppStore((state) => state.loadUsers);
  const [creating, setCreating] = useState(false);
  const isAdmin = me?.role === 'admin';

  useEffect(() => {
    if (isAdmin) void loadUsers();
  }, [isAdmin, loadUsers]);

  if (!isAdmin) {
    return (
      <>
        <TopBar title={t('users.title')} />
        <div className="content">
          <EmptyState icon="users" title={t('users.title')}>
            <p>{t('users.adminOnly')}</p>
          </EmptyState>
        </div>
      </>
    );
  }

  return (
    <>
      <TopBar
        title={t('users.title')}
        figures={loaded ? [tn('users.count', users.length)] : []}
        actions={
          <button type="button" className="btn btn-primary" data-primary-action aria-keyshortcuts="N" title={`${t('users.new')} (N)`} onClick={() => setCreating(true)}>
            <Icon name="plus" /> {t('users.new')}
          </button>
        }
      />
      <div className="content">
        {loadError ? <Alert>{describe(loadError)}</Alert> : null}
        {creating ? <UserCreateForm onClose={() => setCreating(false)} /> : null}
        <table className="table" aria-label={t('users.title')}>
          <thead>
            <tr>
              <th scope="col">{t('users.col.username')}</th>
              <th scope="col">{t('users.col.displayName')}</th>
              <th scope="col">{t('users.col.role')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col" className="num">{t('users.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row" className="cell-name mono">
                  {user.username}
                  {user.id === me.id ? <span className="tag">{t('users.you')}</span> : null}
                </th>
                <td>{user.displayName}</td>
                <td>{t(`role.${user.role}`)}</td>
                <td><UserStatus user={user} /></td>
                <td className="num">{date(user.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
