import type { Space } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import { EntityLabel } from '../../../components/EntityLabel';
import type { RegistryListConfig } from '../types';

export function spaceList(buildingId: string): RegistryListConfig<Space> {
  return {
    entity: 'spaces',
    fixedParams: { buildingId },
    itemPath: (s) => `/registry/buildings/${buildingId}/spaces/${s.id}`,
    newPath: `/registry/buildings/${buildingId}/spaces/new`,
    filters: [{ kind: 'entity', param: 'floorId', label: 'entities.spaces.fields.floorId', entity: 'floors', params: { buildingId } }],
    columns: ({ t, format, link }) => [
      { accessor: 'code', title: t('entities.spaces.fields.code'), render: (s) => link(s, s.code) },
      { accessor: 'name', title: t('entities.spaces.fields.name') },
      { accessor: 'floorId', title: t('entities.spaces.fields.floorId'), render: (s) => <EntityLabel entity="floors" id={s.floorId} /> },
      { accessor: 'use', title: t('entities.spaces.fields.use'), render: (s) => s.use ?? '—' },
      {
        accessor: 'areaM2',
        title: t('entities.spaces.fields.areaM2'),
        textAlign: 'right',
        cellsClassName: 'tabular-nums',
        render: (s) => (s.areaM2 === null ? '—' : t('entities.spaces.areaValue', { area: format.number(s.areaM2, 2) })),
      },
      { accessor: 'active', title: t('common.status'), render: (s) => <ActiveBadge active={s.active} /> },
    ],
  };
}
