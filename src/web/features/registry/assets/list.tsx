import type { Asset } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import { EntityLabel } from '../../../components/EntityLabel';
import type { RegistryListConfig } from '../types';

export const assetList: RegistryListConfig<Asset> = {
  entity: 'assets',
  itemPath: (a) => `/registry/assets/${a.id}`,
  newPath: '/registry/assets/new',
  filters: [{ kind: 'entity', param: 'buildingId', label: 'entities.assets.fields.buildingId', entity: 'buildings' }],
  columns: ({ t, link }) => [
    { accessor: 'code', title: t('entities.assets.fields.code'), render: (a) => link(a, a.code) },
    { accessor: 'name', title: t('entities.assets.fields.name') },
    {
      accessor: 'technologyClassId',
      title: t('entities.assets.fields.technologyClassId'),
      render: (a) => <EntityLabel entity="technologyClasses" id={a.technologyClassId} />,
    },
    {
      accessor: 'buildingId',
      title: t('entities.assets.fields.buildingId'),
      render: (a) => <EntityLabel entity="buildings" id={a.buildingId} />,
    },
    { accessor: 'spaceId', title: t('entities.assets.fields.spaceId'), render: (a) => <EntityLabel entity="spaces" id={a.spaceId} /> },
    { accessor: 'active', title: t('common.status'), render: (a) => <ActiveBadge active={a.active} /> },
  ],
};
