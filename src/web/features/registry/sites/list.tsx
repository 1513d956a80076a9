import type { Site } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export const siteList: RegistryListConfig<Site> = {
  entity: 'sites',
  itemPath: (s) => `/registry/sites/${s.id}`,
  newPath: '/registry/sites/new',
  columns: ({ t, format, link }) => [
    { accessor: 'code', title: t('entities.sites.fields.code'), render: (s) => link(s, s.code) },
    { accessor: 'name', title: t('entities.sites.fields.name') },
    { accessor: 'city', title: t('entities.sites.fields.city') },
    { accessor: 'patronSaint', title: t('entities.sites.fields.patronSaint'), render: (s) => format.dayOfYear(s.patronSaint) },
    { accessor: 'active', title: t('common.status'), render: (s) => <ActiveBadge active={s.active} /> },
  ],
};
