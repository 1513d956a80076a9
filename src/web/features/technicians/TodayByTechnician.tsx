import { useId } from 'react';
import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSchedule, type ScheduleDto } from '../../api/technicians';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

type Item = ScheduleDto['items'][number];

function Person({ name, items }: { name: string; items: Item[] }) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={id}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h5" id={id}>
          {name}
        </Title>
        <Badge variant="filled" color={items.length ? 'primary' : 'gray'} className="tabular-nums">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('technicians.scheduleEmpty')}
        </Text>
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('technicians.scheduleOf', { name })}>
          {items.map((w) => (
            <Stack component="li" key={w.id} gap={2}>
              <Group gap="xs" wrap="wrap">
                <Text fw={700} className="tabular-nums">
                  {format.dateTime(w.at)}
                </Text>
                <Anchor component={Link} to={`/work-orders/${w.id}`} fw={600}>
                  {w.number}
                </Anchor>
                <PriorityBadge priority={w.priority} size="sm" />
              </Group>
              <Group gap="xs" wrap="wrap">
                <StatusBadge kind="workOrder" status={w.status} size="sm" />
                <Text size="xs" c="dimmed">
                  {w.building.code} – {w.building.name}
                </Text>
              </Group>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** The dispatcher's "today by technician": each technician's visits of the day, then those nobody has yet. */
export function TodayByTechnician() {
  const t = useT();
  const id = useId();
  const day = useSchedule();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={4}>
        {t('technicians.schedule')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('technicians.scheduleDescription')}
      </Text>
      {day.isError ? (
        <ProblemAlert error={day.error} />
      ) : day.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {day.data.technicians.map((p) => (
            <Person key={p.id} name={p.displayName} items={day.data.items.filter((w) => w.technicianId === p.id)} />
          ))}
          <Person
            name={t('technicians.unassigned')}
            items={day.data.items.filter((w) => !day.data.technicians.some((p) => p.id === w.technicianId))}
          />
        </SimpleGrid>
      )}
    </section>
  );
}
