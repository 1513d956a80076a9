import type { Contractor } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export const contractorList: RegistryListConfig<Contractor> = {
  entity: 'contractors',
  itemPath: (c) => `/registry/contractors/${c.id}`,
  newPath: '/registry/contractors/new',
  columns: ({ t, link, format }) => [
    { accessor: 'name', title: t('entities.contractors.fields.name'), render: (c) => link(c, c.name) },
    { accessor: 'vatNumber', title: t('entities.contractors.fields.vatNumber') },
    { accessor: 'pec', title: t('entities.contractors.fields.pec') },
    { accessor: 'phone', title: t('entities.contractors.fields.phone'), render: (c) => c.phone ?? '—' },
    {
      accessor: 'durcValidUntil',
      title: t('entities.contractors.fields.durcValidUntil'),
      noWrap: true,
      render: (c) => (c.durcValidUntil ? format.date(c.durcValidUntil) : '—'),
    },
    { accessor: 'active', title: t('common.status'), render: (c) => <ActiveBadge active={c.active} /> },
  ],
};
