import type { ComponentType } from 'react';
import { Badge } from '@mantine/core';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconCalendarEvent,
  IconCalendarTime,
  IconCircle,
  IconCircleCheck,
  IconCircleDot,
  IconCircleX,
  IconClipboardCheck,
  IconClock,
  IconFileDollar,
  IconHandStop,
  IconLock,
  IconPackage,
  IconProgress,
  IconRosetteDiscountCheck,
  IconSearch,
  IconTool,
} from '@tabler/icons-react';
import { useT } from '../../i18n/messages';
import { isPriority, isTicketState, isWorkOrderState, priorityLabel, ticketStatusLabel, workOrderStatusLabel } from './labels';

type Icon = ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
interface Look {
  icon: Icon;
  color: string;
}

const TICKET: Record<string, Look> = {
  new: { icon: IconCircleDot, color: 'primary' },
  qualifying: { icon: IconSearch, color: 'orange' },
  qualified: { icon: IconClipboardCheck, color: 'primary' },
  in_progress: { icon: IconProgress, color: 'primary' },
  resolved: { icon: IconCircleCheck, color: 'green' },
  closed: { icon: IconLock, color: 'gray' },
};

const WORK_ORDER: Record<string, Look> = {
  issued: { icon: IconCircleDot, color: 'primary' },
  acknowledged: { icon: IconHandStop, color: 'primary' },
  inspection_scheduled: { icon: IconCalendarEvent, color: 'primary' },
  inspected: { icon: IconSearch, color: 'primary' },
  in_plan_proposed: { icon: IconCalendarTime, color: 'orange' },
  awaiting_authorization: { icon: IconFileDollar, color: 'orange' },
  authorized: { icon: IconRosetteDiscountCheck, color: 'primary' },
  scheduled: { icon: IconCalendarEvent, color: 'primary' },
  waiting_materials: { icon: IconPackage, color: 'orange' },
  in_progress: { icon: IconTool, color: 'primary' },
  completed: { icon: IconClipboardCheck, color: 'orange' },
  verified: { icon: IconCircleCheck, color: 'green' },
  closed: { icon: IconLock, color: 'gray' },
  // planned work orders (workflow 2)
  planned: { icon: IconCalendarTime, color: 'primary' },
  cancelled: { icon: IconCircleX, color: 'gray' },
};

const CLOSED_WITHOUT_WORK: Look = { icon: IconCircleX, color: 'gray' };

/** A state in words with an icon (never colour alone): tickets and work orders. */
export function StatusBadge({
  kind,
  status,
  outcome,
  size = 'md',
}: {
  kind: 'ticket' | 'workOrder';
  status: string;
  outcome?: string | null;
  size?: 'sm' | 'md' | 'lg';
}) {
  const t = useT();
  const known = kind === 'ticket' ? isTicketState(status) : isWorkOrderState(status);
  const table = kind === 'ticket' ? TICKET : WORK_ORDER;
  const look =
    kind === 'workOrder' && status === 'closed' && outcome
      ? CLOSED_WITHOUT_WORK
      : ((known ? table[status] : undefined) ?? { icon: IconCircle, color: 'gray' });
  const Icon = look.icon;
  const label = kind === 'ticket' ? ticketStatusLabel(t, status) : workOrderStatusLabel(t, status, outcome);
  return (
    <Badge
      variant="outline"
      color={look.color}
      size={size}
      tt="none"
      leftSection={<Icon size={14} aria-hidden />}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {label}
    </Badge>
  );
}

const PRIORITY: Record<string, Look> = {
  emergency: { icon: IconAlertOctagon, color: 'red' },
  urgent: { icon: IconAlertTriangle, color: 'orange' },
  ordinary: { icon: IconClock, color: 'primary' },
  deferrable: { icon: IconCalendarTime, color: 'gray' },
};

/** Priority in words with an icon; "to be set" when the ticket has none yet. */
export function PriorityBadge({
  priority,
  size = 'md',
  bare,
}: {
  priority: string | null | undefined;
  size?: 'sm' | 'md' | 'lg';
  /** Without "Priorità:" (under a column header that says it). */ bare?: boolean;
}) {
  const t = useT();
  const look = isPriority(priority) ? PRIORITY[priority] : { icon: IconCircle, color: 'gray' };
  const Icon = look.icon;
  return (
    <Badge
      variant={priority === 'emergency' ? 'filled' : 'outline'}
      color={look.color}
      size={size}
      tt="none"
      leftSection={<Icon size={14} aria-hidden />}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
    >
      {bare ? priorityLabel(t, priority) : `${t('priority.label')}: ${priorityLabel(t, priority)}`}
    </Badge>
  );
}
