import { useId, type ReactNode } from 'react';
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../../api/client';
import { useTicketList, useWorkOrderList, type SlaRow, type TicketListItem, type WorkOrderListItem } from '../../api/workflow';
import { ProblemAlert } from '../../components/ProblemAlert';
import { technologyClassName } from '../../components/workflow/labels';
import { SlaStateBadge } from '../../components/workflow/SlaStateBadge';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ticketStatusLine } from '../tickets/statusLine';
import { nextDate } from '../work-orders/nextDate';

const SHOWN = 8;

export function Shell({
  title,
  count,
  capped,
  link,
  loading,
  error,
  emptyText,
  children,
  isEmpty,
}: {
  title: string;
  count: number | undefined;
  capped?: boolean;
  link: string;
  loading: boolean;
  error: unknown;
  emptyText: string;
  isEmpty: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {count !== undefined && (
            <Badge
              variant="filled"
              color={count > 0 ? 'primary' : 'gray'}
              className="tabular-nums"
              aria-label={t('home.countLabel', { count })}
            >
              {capped ? `${count}+` : count}
            </Badge>
          )}
        </Group>
        <Anchor component={Link} to={link} size="sm">
          {t('home.seeAll')} <IconArrowRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
        </Anchor>
      </Group>
      {error ? (
        <ProblemAlert error={error} />
      ) : loading ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : isEmpty ? (
        <Text c="dimmed" size="sm">
          {emptyText}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

function Row({
  to,
  number,
  status,
  priority,
  sla,
  text,
  meta,
}: {
  to: string;
  number: ReactNode;
  status: ReactNode;
  priority: ReactNode;
  sla?: SlaRow | null;
  text: string;
  meta: string;
}) {
  return (
    <li style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={to} fw={700}>
            {number}
          </Anchor>
          {status}
          {priority}
          <SlaStateBadge sla={sla} />
        </Group>
        <Text size="sm" lineClamp={2}>
          {text}
        </Text>
        <Text size="xs" c="dimmed">
          {meta}
        </Text>
      </Stack>
    </li>
  );
}

/** One work list of the home queue: tickets waiting for me, most urgent and oldest first. */
export function TicketQueue({
  title,
  params,
  link,
  emptyText,
  plain,
}: {
  title: string;
  params: QueryParams;
  link: string;
  emptyText: string;
  plain?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const list = useTicketList({ sort: 'priority', order: 'asc', ...params }, SHOWN);
  const first = list.data?.pages[0];
  const items: TicketListItem[] = first?.items ?? [];
  return (
    <Shell
      title={title}
      count={first?.count}
      capped={first?.countCapped}
      link={link}
      loading={list.isPending}
      error={list.error}
      emptyText={emptyText}
      isEmpty={items.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => (
          <Row
            key={r.id}
            to={`/tickets/${r.id}`}
            number={r.number}
            status={<StatusBadge kind="ticket" status={r.status} size="sm" />}
            priority={plain ? null : <PriorityBadge priority={r.priority} size="sm" />}
            sla={plain ? null : r.sla}
            text={r.subject}
            meta={[
              `${r.building.code}${r.space ? ` · ${r.space.code}` : ''}`,
              plain ? ticketStatusLine(t, format, r) : r.requesterName,
              t('home.opened', { when: format.relative(r.createdAt) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        ))}
      </Stack>
    </Shell>
  );
}

export function WorkOrderQueue({
  title,
  params,
  link,
  emptyText,
}: {
  title: string;
  params: QueryParams;
  link: string;
  emptyText: string;
}) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const list = useWorkOrderList({ sort: 'priority', order: 'asc', ...params }, SHOWN);
  const first = list.data?.pages[0];
  const items: WorkOrderListItem[] = first?.items ?? [];
  return (
    <Shell
      title={title}
      count={first?.count}
      capped={first?.countCapped}
      link={link}
      loading={list.isPending}
      error={list.error}
      emptyText={emptyText}
      isEmpty={items.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => (
          <Row
            key={r.id}
            to={`/work-orders/${r.id}`}
            number={r.number}
            status={<StatusBadge kind="workOrder" status={r.status} outcome={r.outcome} size="sm" />}
            priority={<PriorityBadge priority={r.priority} size="sm" />}
            sla={r.sla}
            text={r.description}
            meta={[
              `${r.building.code}${r.space ? ` · ${r.space.code}` : ''}`,
              technologyClassName(r.technologyClass, i18n.language),
              r.contractor.name,
              nextDate(r, t, format) !== '—' ? nextDate(r, t, format) : t('home.issued', { when: format.relative(r.issuedAt) }),
            ].join(' · ')}
          />
        ))}
      </Stack>
    </Shell>
  );
}
