import type { Building } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import { EntityLabel } from '../../../components/EntityLabel';
import type { RegistryListConfig } from '../types';

export const buildingList: RegistryListConfig<Building> = {
  entity: 'buildings',
  itemPath: (b) => `/registry/buildings/${b.id}`,
  newPath: '/registry/buildings/new',
  filters: [{ kind: 'entity', param: 'siteId', label: 'entities.buildings.fields.siteId', entity: 'sites' }],
  columns: ({ t, link }) => [
    { accessor: 'code', title: t('entities.buildings.fields.code'), render: (b) => link(b, b.code) },
    { accessor: 'name', title: t('entities.buildings.fields.name') },
    { accessor: 'siteId', title: t('entities.buildings.fields.siteId'), render: (b) => <EntityLabel entity="sites" id={b.siteId} /> },
    { accessor: 'address', title: t('entities.buildings.fields.address') },
    {
      accessor: 'competence',
      title: t('entities.buildings.fields.competence'),
      render: (b) =>
        b.competence === 'central' ? (
          t('entities.buildings.competence.central')
        ) : (
          <EntityLabel entity="departments" id={b.competenceDepartmentId} fallback={t('entities.buildings.competence.department')} />
        ),
    },
    { accessor: 'active', title: t('common.status'), render: (b) => <ActiveBadge active={b.active} /> },
  ],
};
