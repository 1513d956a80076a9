import type { ComponentType } from 'react';
import { Badge } from '@mantine/core';
import {
  IconAlarm,
  IconArrowBackUp,
  IconCalendarCheck,
  IconCalendarEvent,
  IconCircle,
  IconCircleCheck,
  IconCircleX,
  IconClipboardCheck,
  IconPackage,
  IconPencil,
  IconSend,
  IconSpeakerphone,
  IconTool,
} from '@tabler/icons-react';
import { PLANNED_WORK_ORDER_STATES, PROGRAM_STATES, SHIFT_REASONS, type ProgramItemDto } from '../../api/planned';
import type { Formatters } from '../../i18n/format';
import { romeDay } from '../../../shared/format';
import type { Translate } from '../../i18n/messages';

type Icon = ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;

const PROGRAM_LOOK: Record<string, { icon: Icon; color: string }> = {
  draft: { icon: IconPencil, color: 'gray' },
  submitted: { icon: IconSend, color: 'orange' },
  returned: { icon: IconArrowBackUp, color: 'red' },
  approved: { icon: IconCalendarCheck, color: 'primary' },
  published: { icon: IconSpeakerphone, color: 'green' },
};

const WO_LOOK: Record<string, { icon: Icon; color: string }> = {
  planned: { icon: IconCalendarEvent, color: 'gray' },
  scheduled: { icon: IconCalendarEvent, color: 'primary' },
  waiting_materials: { icon: IconPackage, color: 'orange' },
  in_progress: { icon: IconTool, color: 'primary' },
  completed: { icon: IconClipboardCheck, color: 'orange' },
  verified: { icon: IconCircleCheck, color: 'green' },
  cancelled: { icon: IconCircleX, color: 'gray' },
};

const isProgramState = (s: string): s is (typeof PROGRAM_STATES)[number] => (PROGRAM_STATES as readonly string[]).includes(s);
const isPlannedState = (s: string): s is (typeof PLANNED_WORK_ORDER_STATES)[number] =>
  (PLANNED_WORK_ORDER_STATES as readonly string[]).includes(s);

export const programStatusLabel = (t: Translate, status: string) => (isProgramState(status) ? t(`planned.status.${status}`) : status);
export const plannedStatusLabel = (t: Translate, status: string) => (isPlannedState(status) ? t(`planned.woStatus.${status}`) : status);

/** A program's state in words with an icon (never colour alone). */
export function ProgramStatusBadge({ status, t, size = 'md' }: { status: string; t: Translate; size?: 'sm' | 'md' | 'lg' }) {
  const look = PROGRAM_LOOK[status] ?? { icon: IconCircle, color: 'gray' };
  const I = look.icon;
  return (
    <Badge variant="outline" color={look.color} size={size} tt="none" leftSection={<I size={14} aria-hidden />} style={{ flexShrink: 0 }}>
      {programStatusLabel(t, status)}
    </Badge>
  );
}

/** A planned work order's state in words with an icon. */
export function PlannedStatusBadge({ status, t, size = 'sm' }: { status: string; t: Translate; size?: 'sm' | 'md' }) {
  const look = WO_LOOK[status] ?? { icon: IconCircle, color: 'gray' };
  const I = look.icon;
  return (
    <Badge variant="outline" color={look.color} size={size} tt="none" leftSection={<I size={12} aria-hidden />} style={{ flexShrink: 0 }}>
      {plannedStatusLabel(t, status)}
    </Badge>
  );
}

export function LateBadge({ t }: { t: Translate }) {
  return (
    <Badge color="red" variant="light" size="sm" tt="none" leftSection={<IconAlarm size={12} aria-hidden />}>
      {t('planned.late')}
    </Badge>
  );
}

/** "Prevista il 08/12/2026, spostata: festa del santo patrono" — the shift as text, not as a mark alone. */
export function shiftText(
  t: Translate,
  format: Formatters,
  item: Pick<ProgramItemDto, 'dueOn' | 'plannedOn' | 'shiftReason'>,
): string | null {
  if (!item.shiftReason && item.dueOn === item.plannedOn) return null;
  const reason =
    item.shiftReason && (SHIFT_REASONS as readonly string[]).includes(item.shiftReason)
      ? t(`planned.shift.${item.shiftReason as (typeof SHIFT_REASONS)[number]}`)
      : '';
  return t('planned.shiftedFrom', { date: format.date(item.dueOn), reason }).replace(/, $/, '');
}

export function windowText(t: Translate, from: string | null, to: string | null): string {
  if (!from && !to) return '—';
  return t('planned.window', { from: from ?? '…', to: to ?? '…' });
}

/** Today and this month in Europe/Rome (the programs' calendar), whatever the browser's zone. */
export function romeToday(now = new Date()): string {
  return romeDay(now);
}
export const romeMonth = (now = new Date()) => romeToday(now).slice(0, 7);

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
