import { useMemo } from 'react';
import { Anchor, Button, Card, EmptyState, Group, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconInbox } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWorkOrderList, type WorkOrderListItem } from '../../api/workflow';
import { EntityTable } from '../../components/EntityTable';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { technologyClassName } from '../../components/workflow/labels';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { KindBadge } from '../../components/workflow/KindBadge';
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
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
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
    { accessor: 'status', title: t('common.status'), render: (r) => <StatusBadge kind="workOrder" status={r.status} outcome={r.outcome} size="sm" /> },
    { accessor: 'priority', title: t('fields.priority'), render: (r) => <PriorityBadge priority={r.priority} size="sm" bare /> },
    { accessor: 'technologyClass', title: t('fields.technologyClassId'), render: (r) => technologyClassName(r.technologyClass, i18n.language) },
    { accessor: 'description', title: t('fields.description'), render: (r) => <Text size="sm" lineClamp={2}>{r.description}</Text> },
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
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm">{format.dateTime(r.issuedAt)}</Text>
          <Text size="xs" c="dimmed">
            {format.relative(r.issuedAt)}
          </Text>
        </Stack>
      ),
    },
    { accessor: 'next', title: t('workOrder.nextDate'), render: (r) => nextDate(r, t, format) },
  ];

  const empty = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : <IconInbox size={28} aria-hidden />}
        title={filtered ? t('list.emptyFilteredTitle') : t('lists.emptyWorkOrders')}
        description={filtered ? t('list.emptyFilteredDescription') : t('lists.emptyWorkOrdersHint')}
      >
        {filtered && (
          <Group justify="center" mt="md">
            <Button variant="default" onClick={clear} leftSection={<IconFilterOff size={16} aria-hidden />}>
              {t('list.clearFilters')}
            </Button>
          </Group>
        )}
      </EmptyState>
    </Card>
  );

  return (
    <>
      <PageHeader title={title} actions={<ExportLinks resource="work-orders" query={query} />} />
      <WorklistFilterBar resource="work-orders" />
      <Group justify="space-between" mb="xs">
        <ListCount count={first?.count} capped={first?.countCapped} />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<WorkOrderListItem>
          label={title}
          records={records}
          columns={columns}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={empty}
        />
      )}
    </>
  );
}
