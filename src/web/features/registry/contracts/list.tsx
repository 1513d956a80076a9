import type { Contract } from '../../../api/types';
import { ActiveBadge } from '../../../components/ActiveBadge';
import { EntityLabel } from '../../../components/EntityLabel';
import type { RegistryListConfig } from '../types';

export const contractList: RegistryListConfig<Contract> = {
  entity: 'contracts',
  itemPath: (c) => `/registry/contracts/${c.id}`,
  newPath: '/registry/contracts/new',
  filters: [{ kind: 'entity', param: 'contractorId', label: 'entities.contracts.fields.contractorId', entity: 'contractors' }],
  columns: ({ t, format, link }) => [
    { accessor: 'lot', title: t('entities.contracts.fields.lot'), render: (c) => link(c, c.lot) },
    { accessor: 'cig', title: t('entities.contracts.fields.cig') },
    { accessor: 'title', title: t('entities.contracts.fields.title') },
    {
      accessor: 'contractorId',
      title: t('entities.contracts.fields.contractorId'),
      render: (c) => <EntityLabel entity="contractors" id={c.contractorId} />,
    },
    {
      accessor: 'startsOn',
      title: t('entities.contracts.period'),
      render: (c) => t('entities.contracts.periodValue', { from: format.date(c.startsOn), to: format.date(c.endsOn) }),
    },
    {
      accessor: 'netAmountCents',
      title: t('entities.contracts.fields.netAmountCents'),
      textAlign: 'right',
      cellsClassName: 'tabular-nums',
      render: (c) => format.euro(c.netAmountCents),
    },
    {
      accessor: 'lotCeilingCents',
      title: t('entities.contracts.fields.lotCeilingCents'),
      textAlign: 'right',
      cellsClassName: 'tabular-nums',
      render: (c) => (c.lotCeilingCents === null ? '—' : format.euro(c.lotCeilingCents)),
    },
    { accessor: 'active', title: t('common.status'), render: (c) => <ActiveBadge active={c.active} /> },
  ],
};
