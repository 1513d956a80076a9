import type { Floor } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import type { RegistryListConfig } from '../types';

export function floorList(buildingId: string): RegistryListConfig<Floor> {
  return {
    entity: 'floors',
    fixedParams: { buildingId },
    itemPath: (f) => `/registry/buildings/${buildingId}/floors/${f.id}`,
    newPath: `/registry/buildings/${buildingId}/floors/new`,
    columns: ({ t, format, link }) => [
      { accessor: 'code', title: t('entities.floors.fields.code'), render: (f) => link(f, f.code) },
      { accessor: 'name', title: t('entities.floors.fields.name') },
      {
        accessor: 'level',
        title: t('entities.floors.fields.level'),
        textAlign: 'right',
        cellsClassName: 'tabular-nums',
        render: (f) => format.number(f.level),
      },
      { accessor: 'active', title: t('common.status'), render: (f) => <ActiveBadge active={f.active} /> },
    ],
  };
}
