import type { Department } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export const departmentList: RegistryListConfig<Department> = {
  entity: 'departments',
  itemPath: (d) => `/registry/departments/${d.id}`,
  newPath: '/registry/departments/new',
  columns: ({ t, link }) => [
    { accessor: 'code', title: t('entities.departments.fields.code'), render: (d) => link(d, d.code) },
    { accessor: 'name', title: t('entities.departments.fields.name') },
    { accessor: 'costCentre', title: t('entities.departments.fields.costCentre') },
    { accessor: 'active', title: t('common.status'), render: (d) => <ActiveBadge active={d.active} /> },
  ],
};
