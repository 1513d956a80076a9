import { romeDay } from '../../../shared/format';
import { useState } from 'react';
import { Anchor, Badge, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMyWork } from '../../api/technicians';
import type { WorkOrderDto } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionBar } from '../../components/workflow/ActionBar';
import { ActionModal } from '../../components/workflow/ActionDialog';
import { technologyClassName } from '../../components/workflow/labels';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { WorkOrderActionForm } from '../work-orders/WorkOrderPage';

/** The next visit of a work order: its inspection while one is scheduled, else its work date. */
const visitOf = (w: WorkOrderDto) => (w.status === 'inspection_scheduled' ? w.inspectionAt : w.scheduledAt);

/** One work order as a phone-sized card: where, what, when, and the actions the server offers, big. */
function WorkCard({ w, today, onRun }: { w: WorkOrderDto; today: string; onRun: (w: WorkOrderDto, action: string) => void }) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const visit = visitOf(w);
  const overdue = visit !== null && w.status !== 'in_progress' && romeDay(new Date(visit)) < today;
  const place = [`${w.building.code} – ${w.building.name}`, w.space && `${w.space.code} – ${w.space.name}`, w.location]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card withBorder padding="md" component="li" aria-labelledby={`wo-${w.id}`}>
      <Stack gap="sm">
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Anchor
            component={Link}
            to={`/work-orders/${w.id}`}
            fw={700}
            size="xl"
            id={`wo-${w.id}`}
            aria-label={t('technicians.open', { number: w.number })}
          >
            {w.number}
          </Anchor>
          <Group gap={6}>
            <StatusBadge kind="workOrder" status={w.status} outcome={w.outcome} size="md" />
            {w.kind !== 'planned' && <PriorityBadge priority={w.priority} size="md" />}
          </Group>
        </Group>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {place}
        </Text>
        <Text size="sm" c="dimmed">
          {technologyClassName(w.technologyClass, i18n.language)}
        </Text>
        <Text style={{ overflowWrap: 'anywhere' }} lineClamp={4}>
          {w.description}
        </Text>
        {visit && (
          <Group gap="xs">
            <Text size="sm">
              <Text span fw={600} inherit>
                {t('technicians.visit')}:
              </Text>{' '}
              {format.dateTime(visit)} ({format.relative(visit)})
            </Text>
            {overdue && (
              <Badge color="red" variant="light" tt="none" leftSection={<IconClockExclamation size={14} aria-hidden />}>
                {t('technicians.overdue')}
              </Badge>
            )}
          </Group>
        )}
        <ActionBar actions={w.availableActions} onRun={(a) => onRun(w, a)} label={t('technicians.actionsOf', { number: w.number })} />
      </Stack>
    </Card>
  );
}

/** A technician's work of today, built for a phone: cards, not a table. */
export function MyWorkPage() {
  const t = useT();
  const work = useMyWork();
  const [running, setRunning] = useState<{ w: WorkOrderDto; action: string } | null>(null);
  const close = () => setRunning(null);
  return (
    <>
      <PageHeader title={t('nav.myWork')} description={t('technicians.myWorkDescription')} />
      {work.isError ? (
        <ProblemAlert error={work.error} />
      ) : work.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : work.data.items.length === 0 ? (
        <Text c="dimmed">{t('technicians.myWorkEmpty')}</Text>
      ) : (
        <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('technicians.myWorkList')}>
          {work.data.items.map((w) => (
            <WorkCard key={w.id} w={w} today={work.data.date} onRun={(x, action) => setRunning({ w: x, action })} />
          ))}
        </Stack>
      )}
      {running && (
        <ActionModal action={running.action} opened onClose={close}>
          <WorkOrderActionForm workOrder={running.w} action={running.action} onClose={close} />
        </ActionModal>
      )}
    </>
  );
}
