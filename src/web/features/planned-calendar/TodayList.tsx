import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePlannedWork } from '../../api/planned';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';
import { LateBadge, PlannedStatusBadge, ProgramStatusBadge, romeToday, windowText } from '../programs/labels';

/** What planned work happens today in one building ("viene qualcuno per l'ascensore?"). */
export function TodayList({ buildingId }: { buildingId: string }) {
  const t = useT();
  const today = romeToday();
  const work = usePlannedWork({ from: today, to: today, buildingId, limit: 200 });
  if (work.isError) return <ProblemAlert error={work.error} />;
  if (work.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const items = [...work.data.items].sort((a, b) => (a.windowFrom ?? '').localeCompare(b.windowFrom ?? ''));
  if (items.length === 0) return <Text size="sm">{t('planned.today.none')}</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('planned.today.title')}>
      {items.map((i) => (
        <li
          key={i.workOrderId ?? i.programItemId ?? i.activity}
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}
        >
          <Group gap="xs" wrap="wrap">
            <Text fw={700} size="sm" className="tabular-nums">
              {windowText(t, i.windowFrom, i.windowTo)}
            </Text>
            {i.workOrderId ? (
              <Anchor component={Link} to={`/work-orders/${i.workOrderId}`} fw={700} size="sm">
                {i.activity}
              </Anchor>
            ) : (
              <Text fw={700} size="sm">
                {i.activity}
              </Text>
            )}
            {i.workOrderStatus ? (
              <PlannedStatusBadge status={i.workOrderStatus} t={t} />
            ) : i.programStatus ? (
              <ProgramStatusBadge status={i.programStatus} t={t} size="sm" />
            ) : null}
            {i.late && <LateBadge t={t} />}
          </Group>
          <Text size="xs" c="dimmed">
            {[i.assetName, i.technician ?? t('planned.noTechnician')].filter(Boolean).join(' · ')}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
