import { useMemo } from 'react';
import { Anchor, Button, Card, EmptyState, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconFilterOff, IconInbox, IconPlus } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { useTicketList, type TicketListItem } from '../../api/workflow';
import { EntityTable } from '../../components/EntityTable';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { KindBadge } from '../../components/workflow/KindBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ExportLinks } from '../worklists/ExportLinks';
import { ListCount } from '../worklists/ListCount';
import { useWorklistParams } from '../worklists/useWorklistParams';
import { WorklistFilterBar } from '../worklists/WorklistFilterBar';
import { viewTitle } from '../worklists/viewTitle';
import { ticketStatusLine } from './statusLine';
import { isRequesterOnly } from './TicketPage';

/** Tickets: any work list, filters in the URL, count, "load more", CSV/XLSX of the same list. */
export function TicketListPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const requester = isRequesterOnly(me);
  const { filters, query, filtered, clear } = useWorklistParams('tickets');
  const list = useTicketList(query);
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  const title = filters.view ? viewTitle(t, 'tickets', filters.view, me) : requester ? t('nav.myTickets') : t('nav.tickets');

  const columns: DataTableColumn<TicketListItem>[] = [
    {
      accessor: 'number',
      title: t('ticket.number'),
      noWrap: true,
      render: (r) => (
        <>
          <Anchor component={Link} to={`/tickets/${r.id}`} fw={600}>
            {r.number}
          </Anchor>
          <KindBadge kind={r.kind} />
        </>
      ),
    },
    { accessor: 'status', title: t('common.status'), render: (r) => <StatusBadge kind="ticket" status={r.status} size="sm" /> },
    ...(requester
      ? [{ accessor: 'statusLine', title: t('ticket.whereItStands'), render: (r: TicketListItem) => ticketStatusLine(t, format, r) }]
      : [
          {
            accessor: 'priority',
            title: t('fields.priority'),
            render: (r: TicketListItem) => (
              <Group gap={4} wrap="nowrap">
                <PriorityBadge priority={r.priority} size="sm" bare />
                {r.danger && <IconAlertOctagon size={16} aria-label={t('ticket.danger')} color="var(--mantine-color-red-6)" />}
              </Group>
            ),
          },
        ]),
    {
      accessor: 'subject',
      title: t('ticket.subject'),
      render: (r) => (
        <Text size="sm" lineClamp={2}>
          {r.subject}
        </Text>
      ),
    },
    {
      accessor: 'building',
      title: t('ticket.building'),
      render: (r) => (
        <Text size="sm">
          {r.building.code}
          {r.space ? ` · ${r.space.code}` : ''}
        </Text>
      ),
    },
    ...(requester
      ? []
      : [{ accessor: 'requesterName', title: t('ticket.requester'), render: (r: TicketListItem) => r.requesterName ?? '—' }]),
    {
      accessor: 'createdAt',
      title: t('ticket.createdAt'),
      noWrap: true,
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm">{format.dateTime(r.createdAt)}</Text>
          <Text size="xs" c="dimmed">
            {format.relative(r.createdAt)}
          </Text>
        </Stack>
      ),
    },
    ...(requester
      ? []
      : [
          {
            accessor: 'workOrders',
            title: t('ticket.workOrders'),
            render: (r: TicketListItem) =>
              r.workOrders.length === 0 ? (
                '—'
              ) : (
                <Stack gap={2}>
                  {r.workOrders.map((w) => (
                    <Anchor key={w.id} component={Link} to={`/work-orders/${w.id}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {w.number}
                    </Anchor>
                  ))}
                </Stack>
              ),
          },
        ]),
  ];

  const empty = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : <IconInbox size={28} aria-hidden />}
        title={filtered ? t('list.emptyFilteredTitle') : t('lists.emptyTickets')}
        description={
          filtered ? t('list.emptyFilteredDescription') : requester ? t('lists.emptyTicketsRequester') : t('lists.emptyTicketsHint')
        }
      >
        <Group justify="center" mt="md">
          {filtered && (
            <Button variant="default" onClick={clear} leftSection={<IconFilterOff size={16} aria-hidden />}>
              {t('list.clearFilters')}
            </Button>
          )}
          {!filtered && requester && (
            <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('nav.newTicket')}
            </Button>
          )}
        </Group>
      </EmptyState>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={title}
        actions={
          requester ? (
            <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('nav.newTicket')}
            </Button>
          ) : (
            <ExportLinks resource="tickets" query={query} />
          )
        }
      />
      <WorklistFilterBar resource="tickets" simple={requester} />
      <Group justify="space-between" mb="xs">
        <ListCount count={first?.count} capped={first?.countCapped} />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<TicketListItem>
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
