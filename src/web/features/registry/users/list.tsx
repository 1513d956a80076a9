import { ROLES, type User } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export const userList: RegistryListConfig<User> = {
  entity: 'users',
  itemPath: (u) => `/registry/users/${u.id}`,
  newPath: '/registry/users/new',
  filters: [
    {
      kind: 'options',
      param: 'role',
      label: 'entities.users.fields.role',
      options: ROLES.map((r) => ({ value: r, label: `roles.${r}` as const })),
    },
  ],
  columns: ({ t, link }) => [
    { accessor: 'username', title: t('entities.users.fields.username'), render: (u) => link(u, u.username) },
    { accessor: 'displayName', title: t('entities.users.fields.displayName') },
    { accessor: 'email', title: t('entities.users.fields.email'), render: (u) => u.email ?? '—' },
    { accessor: 'roles', title: t('entities.users.fields.roles'), render: (u) => u.roles.map((r) => t(`roles.${r}`)).join(', ') },
    { accessor: 'active', title: t('common.status'), render: (u) => <ActiveBadge active={u.active} /> },
  ],
};
