import { useMemo } from 'react';
import { Anchor, Button, Card, EmptyState, Group, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFilterOff, IconInbox } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import { amountExportUrl, useAmountList, type AmountListItem } from '../../api/accounting';
import { EntityTable } from '../../components/EntityTable';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ListCount } from '../worklists/ListCount';
import { useWorklistParams } from '../worklists/useWorklistParams';
import { WorklistFilterBar } from '../worklists/WorklistFilterBar';
import { FeeBadge, quoteStatusText } from './FeeBadge';

const money = { textAlign: 'right' as const, noWrap: true, cellsClassName: 'tabular-nums' };

/**
 * Accounting's work-order list (#9 item 16): the work-order list's filters (in the URL) and
 * order, each row with its quote, the amount authorised and the fee; the XLSX of the same list.
 * Read only: a row opens the work order.
 */
export function AmountListPage() {
  const t = useT();
  const format = useFormat();
  const { query, filtered, clear } = useWorklistParams('work-orders');
  const list = useAmountList(query);
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  const title = t('accounting.title');

  const columns: DataTableColumn<AmountListItem>[] = [
    {
      accessor: 'number',
      title: t('workOrder.number'),
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/work-orders/${r.id}`} fw={600}>
          {r.number}
        </Anchor>
      ),
    },
    {
      accessor: 'status',
      title: t('common.status'),
      render: (r) => <StatusBadge kind="workOrder" status={r.status} outcome={r.outcome} size="sm" />,
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
    { accessor: 'building', title: t('ticket.building'), render: (r) => r.building.code },
    { accessor: 'contractor', title: t('workOrder.contractor'), render: (r) => r.contractor.name },
    { accessor: 'contract', title: t('accounting.contract'), noWrap: true, render: (r) => r.contract.lot },
    { accessor: 'fee', title: t('accounting.fee'), render: (r) => <FeeBadge amounts={r.amounts} /> },
    { accessor: 'quoteStatus', title: t('accounting.quoteStatus'), render: (r) => quoteStatusText(t, r.amounts) },
    { accessor: 'quoteNet', title: t('accounting.quoteNet'), ...money, render: (r) => format.euro(r.amounts.quoteNetCents) },
    { accessor: 'quoteTotal', title: t('accounting.quoteTotal'), ...money, render: (r) => format.euro(r.amounts.quoteTotalCents) },
    { accessor: 'authorized', title: t('accounting.authorized'), ...money, render: (r) => format.euro(r.amounts.authorizedCents) },
  ];

  const empty = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : <IconInbox size={28} aria-hidden />}
        title={filtered ? t('list.emptyFilteredTitle') : t('accounting.empty')}
        description={filtered ? t('list.emptyFilteredDescription') : t('accounting.emptyHint')}
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
      <PageHeader
        title={title}
        description={t('accounting.description')}
        actions={
          <Button
            component="a"
            href={amountExportUrl(query)}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          >
            {t('accounting.exportXlsx')}
          </Button>
        }
      />
      <WorklistFilterBar resource="work-orders" />
      <Group justify="space-between" mb="xs">
        <ListCount count={first?.count} capped={first?.countCapped} />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<AmountListItem>
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
