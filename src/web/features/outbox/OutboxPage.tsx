import { useMemo } from 'react';
import { Anchor, Badge, Card, EmptyState, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link, useSearchParams } from 'react-router';
import { OUTBOX_STATUSES, useOutbox, type OutboxItem, type OutboxStatus } from '../../api/notices';
import { EntityTable } from '../../components/EntityTable';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { lookup } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const STATUS_COLOR: Record<OutboxStatus, string> = { pending: 'orange', sent: 'green', failed: 'red' };

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const t = useT();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status]} tt="none">
      {t(`outbox.status.${status}`)}
    </Badge>
  );
}

/** The admin's outbox: every e-mail notice, newest first, by status and ticket number. */
export function OutboxPage() {
  const t = useT();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const statusParam = search.get('status');
  const status = (OUTBOX_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as OutboxStatus) : null;
  const ticket = search.get('ticket') ?? '';
  const list = useOutbox({ status: status ?? undefined, ticket: ticket || undefined });
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const setParam = (name: string, value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const columns: DataTableColumn<OutboxItem>[] = [
    {
      accessor: 'subject',
      title: t('outbox.subject'),
      render: (m) => (
        <Anchor component={Link} to={`/admin/outbox/${m.id}`} fw={600} size="sm">
          {m.subject}
        </Anchor>
      ),
    },
    {
      accessor: 'toAddress',
      title: t('outbox.to'),
      render: (m) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {m.toAddress}
        </Text>
      ),
    },
    { accessor: 'kind', title: t('outbox.kind'), render: (m) => lookup(t, `notices.kinds.${m.kind}`, m.kind) },
    { accessor: 'status', title: t('common.status'), render: (m) => <OutboxStatusBadge status={m.status} /> },
    { accessor: 'attempts', title: t('outbox.attempts'), textAlign: 'right' },
    { accessor: 'createdAt', title: t('outbox.createdAt'), noWrap: true, render: (m) => format.dateTime(m.createdAt) },
  ];

  return (
    <>
      <PageHeader title={t('nav.outbox')} description={t('outbox.description')} />
      <Group component="search" aria-label={t('lists.filtersOf', { what: t('nav.outbox') })} align="flex-end" gap="md" mb="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="outbox-status-label">
            {t('common.status')}
          </Text>
          <SegmentedControl
            aria-labelledby="outbox-status-label"
            value={status ?? 'all'}
            onChange={(v) => setParam('status', v === 'all' ? null : v)}
            data={[{ value: 'all', label: t('list.all') }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))]}
          />
        </Stack>
        <TextInput
          label={t('outbox.ticket')}
          placeholder="2026-000123"
          value={ticket}
          onChange={(e) => setParam('ticket', e.currentTarget.value.trim() || null)}
          maxLength={20}
        />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<OutboxItem>
          label={t('nav.outbox')}
          records={records}
          columns={columns}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={
            <Card withBorder padding="xl">
              <EmptyState
                icon={<IconMailOff size={28} aria-hidden />}
                title={t('outbox.emptyTitle')}
                description={t('outbox.emptyDescription')}
              />
            </Card>
          }
        />
      )}
    </>
  );
}
