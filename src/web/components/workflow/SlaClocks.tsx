import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlarm, IconCircleCheck, IconCircleOff, IconClockPause, IconClockPlay } from '@tabler/icons-react';
import type { WorkOrderDto } from '../../api/workflow';
import { useT, type Translate } from '../../i18n/messages';
import { lookup } from './labels';

type Clocks = NonNullable<WorkOrderDto['clocks']>;

const LOOK: Record<string, { color: string; icon: typeof IconAlarm }> = {
  running: { color: 'primary', icon: IconClockPlay },
  paused: { color: 'gray', icon: IconClockPause },
  met: { color: 'green', icon: IconCircleCheck },
  breached: { color: 'red', icon: IconAlarm },
  not_applicable: { color: 'gray', icon: IconCircleOff },
  cancelled: { color: 'gray', icon: IconCircleOff },
};

/** "2 h 15 min", "3 g 4 h": the two largest units of a duration. */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(t('sla.days', { count: d }));
  if (h) parts.push(t('sla.hours', { count: h }));
  if (m && !d) parts.push(t('sla.minutes', { count: m }));
  return parts.length ? parts.join(' ') : t('sla.minutes', { count: 0 });
}

/**
 * The work order's SLA clocks: each leads with the server's headline (the due instant, then the time
 * left, working time named as such, and why the calendar makes it differ from clock time), then the
 * clock's history in words.
 */
export function SlaClocks({ clocks }: { clocks: Clocks }) {
  const t = useT();
  const items = clocks.items.filter((c) => c.status !== 'not_applicable');
  if (items.length === 0) return <Text size="sm">{t('sla.none')}</Text>;
  return (
    <SimpleGrid
      cols={{ base: 1, sm: items.length }}
      spacing="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('sla.title')}
    >
      {items.map((c) => {
        const look = LOOK[c.status] ?? LOOK.not_applicable;
        const Icon = look.icon;
        const late = c.status === 'breached' || (c.status === 'running' && (c.remainingMs ?? 1) <= 0);
        return (
          <Paper key={c.clock} withBorder p="sm" component="li">
            <Stack gap={4}>
              <Group justify="space-between" gap="xs">
                <Text fw={700} size="sm">
                  {lookup(t, `sla.clocks.${c.clock}`, c.clock)}
                </Text>
                <Badge
                  variant="outline"
                  color={look.color}
                  tt="none"
                  leftSection={<Icon size={14} aria-hidden />}
                  style={{ minWidth: 'max-content' }}
                >
                  {lookup(t, `sla.status.${c.status}`, c.status)}
                </Badge>
              </Group>
              <Text size="sm" fw={700} c={late ? 'red.6' : undefined}>
                {c.headline}
              </Text>
              <Text size="xs" c="dimmed">
                {c.explanation}
              </Text>
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
