import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconInbox, IconPlus } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { useTicketList, type TicketListItem } from '../../api/workflow';
import { InstantCell } from '../../components/list/InstantCell';
import { ListPage } from '../../components/list/ListPage';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { KindBadge } from '../../components/workflow/KindBadge';
import { SlaStateBadge } from '../../components/workflow/SlaStateBadge';
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
          { accessor: 'sla', title: t('slaRow.column'), render: (r: TicketListItem) => <SlaStateBadge sla={r.sla} /> },
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
      render: (r) => <InstantCell value={r.createdAt} />,
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

  const newTicket = (
    <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('nav.newTicket')}
    </Button>
  );

  return (
    <ListPage<TicketListItem>
      header={{ title, actions: requester ? newTicket : <ExportLinks resource="tickets" query={query} /> }}
      label={title}
      filters={<WorklistFilterBar resource="tickets" simple={requester} />}
      summary={<ListCount count={first?.count} capped={first?.countCapped} />}
      list={list}
      columns={columns}
      filtered={filtered}
      onClearFilters={clear}
      empty={{
        icon: <IconInbox size={28} aria-hidden />,
        title: t('lists.emptyTickets'),
        description: requester ? t('lists.emptyTicketsRequester') : t('lists.emptyTicketsHint'),
        action: requester ? newTicket : undefined,
      }}
    />
  );
}
