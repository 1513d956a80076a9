import { Badge } from '@mantine/core';
import { IconAlarm, IconCircleCheck, IconCircleX, IconClock, IconPlayerPause } from '@tabler/icons-react';
import type { SlaRow } from '../../api/workflow';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { workOrderStatusLabel } from './labels';

const LOOK = {
  due: { icon: IconClock, color: 'primary', variant: 'light' },
  overdue: { icon: IconAlarm, color: 'red', variant: 'filled' },
  paused: { icon: IconPlayerPause, color: 'orange', variant: 'light' },
  met: { icon: IconCircleCheck, color: 'green', variant: 'light' },
  missed: { icon: IconCircleX, color: 'red', variant: 'outline' },
} as const;

/**
 * A list row's SLA state in words (never by colour alone): due with its instant, overdue since
 * then, paused and why, met or missed. From the state stored with the row (kept by every action).
 */
export function SlaStateBadge({ sla, size = 'sm' }: { sla: SlaRow | null | undefined; size?: 'xs' | 'sm' | 'md' }) {
  const t = useT();
  const format = useFormat();
  if (!sla) return null;
  const look = LOOK[sla.state];
  const Icon = look.icon;
  const text =
    sla.state === 'due'
      ? t('slaRow.due', { when: format.dateTime(sla.dueAt) })
      : sla.state === 'overdue'
        ? t('slaRow.overdue', { when: format.dateTime(sla.dueAt) })
        : sla.state === 'paused'
          ? sla.pausedFor
            ? t('slaRow.pausedFor', { reason: workOrderStatusLabel(t, sla.pausedFor) })
            : t('slaRow.paused')
          : t(`slaRow.${sla.state}`);
  return (
    <Badge
      size={size}
      color={look.color}
      variant={look.variant}
      leftSection={<Icon size={12} aria-hidden />}
      tt="none"
      data-sla={sla.state}
    >
      {text}
    </Badge>
  );
}
