import { useId, useMemo } from 'react';
import { Anchor, Badge, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useWorkOrderList, type WorkOrderListItem } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { technologyClassName } from '../../components/workflow/labels';
import { SlaStateBadge } from '../../components/workflow/SlaStateBadge';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT, type MessageKey } from '../../i18n/messages';
import { nextDate } from '../work-orders/nextDate';
import { TodayByTechnician } from '../technicians/TodayByTechnician';

const COLUMNS: Array<{ key: string; title: MessageKey; empty: MessageKey; states: string[] }> = [
  { key: 'new', title: 'board.new', empty: 'board.newEmpty', states: ['issued'] },
  { key: 'plan', title: 'board.toPlan', empty: 'board.toPlanEmpty', states: ['acknowledged', 'inspected', 'authorized'] },
  { key: 'agenda', title: 'board.agenda', empty: 'board.agendaEmpty', states: ['inspection_scheduled', 'scheduled', 'in_progress'] },
  {
    key: 'waiting',
    title: 'board.waiting',
    empty: 'board.waitingEmpty',
    states: ['waiting_materials', 'awaiting_authorization', 'in_plan_proposed', 'completed'],
  },
];

const whenOf = (w: WorkOrderListItem) =>
  (w.status === 'inspection_scheduled' ? w.inspectionAt : w.status === 'waiting_materials' ? w.expectedOn : w.scheduledAt) ?? w.issuedAt;

function BoardCard({ w }: { w: WorkOrderListItem }) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Anchor component={Link} to={`/work-orders/${w.id}`} fw={700} size="lg">
            {w.number}
          </Anchor>
          <PriorityBadge priority={w.priority} size="sm" />
        </Group>
        <Group gap="xs">
          <StatusBadge kind="workOrder" status={w.status} outcome={w.outcome} size="sm" />
          <SlaStateBadge sla={w.sla} />
        </Group>
        <Text size="sm" lineClamp={3}>
          {w.description}
        </Text>
        <Text size="xs" c="dimmed">
          {w.building.code}
          {w.space ? ` · ${w.space.code} ${w.space.name}` : ''} · {technologyClassName(w.technologyClass, i18n.language)}
        </Text>
        {w.assignee && (
          <Text size="xs">
            {t('technicians.assignee')}: {w.assignee.label}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {nextDate(w, t, format) !== '—' ? nextDate(w, t, format) : t('home.issued', { when: format.relative(w.issuedAt) })}
        </Text>
      </Stack>
    </Card>
  );
}

function Column({ title, empty, items }: { title: string; empty: string; items: WorkOrderListItem[] }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <Group gap="xs" mb="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge variant="filled" color={items.length ? 'primary' : 'gray'} className="tabular-nums">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((w) => (
            <BoardCard key={w.id} w={w} />
          ))}
        </Stack>
      )}
    </section>
  );
}

/**
 * The dispatcher's board: new work orders to acknowledge (most urgent first), those to plan, the
 * agenda by date, and those waiting for something. One card opens the work order.
 */
export function ContractorBoardPage() {
  const t = useT();
  const list = useWorkOrderList({ view: 'mine', sort: 'priority', order: 'asc' }, 200);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const columns = COLUMNS.map((c) => {
    const rows = items.filter((w) => c.states.includes(w.status));
    if (c.key === 'agenda') rows.sort((a, b) => whenOf(a).localeCompare(whenOf(b)));
    return { ...c, rows };
  });
  return (
    <>
      <PageHeader title={t('nav.board')} description={t('board.description')} />
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <Stack gap="xl">
          <TodayByTechnician />
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }} spacing="lg">
            {columns.map((c) => (
              <Column key={c.key} title={t(c.title)} empty={t(c.empty)} items={c.rows} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
