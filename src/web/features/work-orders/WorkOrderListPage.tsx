import { Anchor, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWorkOrderList, type WorkOrderListItem } from '../../api/workflow';
import { InstantCell } from '../../components/list/InstantCell';
import { ListPage } from '../../components/list/ListPage';
import { technologyClassName } from '../../components/workflow/labels';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { KindBadge } from '../../components/workflow/KindBadge';
import { SlaStateBadge } from '../../components/workflow/SlaStateBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { nextDate } from './nextDate';
import { ExportLinks } from '../worklists/ExportLinks';
import { ListCount } from '../worklists/ListCount';
import { useWorklistParams } from '../worklists/useWorklistParams';
import { WorklistFilterBar } from '../worklists/WorklistFilterBar';
import { viewTitle } from '../worklists/viewTitle';
import { useMe } from '../../api/me';

export function WorkOrderListPage() {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const { filters, query, filtered, clear } = useWorklistParams('work-orders');
  const list = useWorkOrderList(query);
  const first = list.data?.pages[0];
  const title = filters.view ? viewTitle(t, 'work-orders', filters.view, me) : t('nav.workOrders');

  const columns: DataTableColumn<WorkOrderListItem>[] = [
    {
      accessor: 'number',
      title: t('workOrder.number'),
      noWrap: true,
      render: (r) => (
        <>
          <Anchor component={Link} to={`/work-orders/${r.id}`} fw={600}>
            {r.number}
          </Anchor>
          <KindBadge kind={r.kind} />
        </>
      ),
    },
    {
      accessor: 'status',
      title: t('common.status'),
      render: (r) => <StatusBadge kind="workOrder" status={r.status} outcome={r.outcome} size="sm" />,
    },
    { accessor: 'priority', title: t('fields.priority'), render: (r) => <PriorityBadge priority={r.priority} size="sm" bare /> },
    { accessor: 'sla', title: t('slaRow.column'), render: (r) => <SlaStateBadge sla={r.sla} /> },
    {
      accessor: 'technologyClass',
      title: t('fields.technologyClassId'),
      render: (r) => technologyClassName(r.technologyClass, i18n.language),
    },
    {
      accessor: 'description',
      title: t('fields.description'),
      render: (r) => (
        <Text size="sm" lineClamp={2}>
          {r.description}
        </Text>
      ),
    },
    {
      accessor: 'building',
      title: t('ticket.building'),
      render: (r) => `${r.building.code}${r.space ? ` · ${r.space.code}` : ''}`,
    },
    { accessor: 'contractor', title: t('workOrder.contractor'), render: (r) => r.contractor.name },
    { accessor: 'assignee', title: t('technicians.assignee'), render: (r) => r.assignee?.label ?? '—' },
    {
      accessor: 'issuedAt',
      title: t('workOrder.issuedAt'),
      noWrap: true,
      render: (r) => <InstantCell value={r.issuedAt} />,
    },
    { accessor: 'next', title: t('workOrder.nextDate'), render: (r) => nextDate(r, t, format) },
  ];

  return (
    <ListPage<WorkOrderListItem>
      header={{ title, actions: <ExportLinks resource="work-orders" query={query} /> }}
      label={title}
      filters={<WorklistFilterBar resource="work-orders" />}
      summary={<ListCount count={first?.count} capped={first?.countCapped} />}
      list={list}
      columns={columns}
      filtered={filtered}
      onClearFilters={clear}
      empty={{ icon: <IconInbox size={28} aria-hidden />, title: t('lists.emptyWorkOrders'), description: t('lists.emptyWorkOrdersHint') }}
    />
  );
}
