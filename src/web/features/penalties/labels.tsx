import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconFileAlert, IconGavel, IconMessage2, IconReceipt2, IconArrowBackUp } from '@tabler/icons-react';
import type { PenaltyDto } from '../../api/penalties';
import { durationText } from '../../components/workflow/SlaClocks';
import { lookup, priorityLabel } from '../../components/workflow/labels';
import type { Formatters } from '../../i18n/format';
import { useT, type Translate } from '../../i18n/messages';

export const penaltyStatusLabel = (t: Translate, status: string) => lookup(t, `penalties.statuses.${status}`, status);
export const clockLabel = (t: Translate, clock: string | null) => (clock ? lookup(t, `sla.clocks.${clock}`, clock) : '—');

const LOOK: Record<string, { color: string; icon: typeof IconGavel }> = {
  proposed: { color: 'orange', icon: IconFileAlert },
  contested: { color: 'primary', icon: IconGavel },
  counter_argued: { color: 'violet', icon: IconMessage2 },
  applied: { color: 'red', icon: IconReceipt2 },
  reduced: { color: 'red', icon: IconReceipt2 },
  waived: { color: 'green', icon: IconCircleCheck },
  withdrawn: { color: 'gray', icon: IconArrowBackUp },
};

/** The status as an icon and words (never colour alone). */
export function PenaltyStatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const t = useT();
  const look = LOOK[status] ?? { color: 'gray', icon: IconCircleX };
  const Icon = look.icon;
  return (
    <Badge
      variant="outline"
      color={look.color}
      size={size}
      tt="none"
      leftSection={<Icon size={14} aria-hidden />}
      style={{ minWidth: 'max-content' }}
    >
      {penaltyStatusLabel(t, status)}
    </Badge>
  );
}

/** The rule in words: "€ 50,00 per ogni ora o frazione di ritardo — Presa in carico, priorità urgente". */
export function ruleText(t: Translate, format: Formatters, rule: PenaltyDto['rule']): string {
  if (!rule) return t('penalties.noRule');
  const base = lookup(t, `penalties.ruleText.${rule.kind}`, rule.kind);
  const text = t(`penalties.ruleText.${rule.kind}` as 'penalties.ruleText.per_hour', {
    amount: format.euro(rule.amountCents),
    perMille: format.number(rule.perMille),
    defaultValue: base,
  });
  if (rule.kind !== 'fixed' && !rule.clock && rule.event === 'late_planned_activity') {
    // A daily rule of planned lateness: whole days after the deadline, no clock or priority.
    const key = rule.kind === 'per_day' ? 'penalties.ruleText.per_day_planned' : 'penalties.ruleText.per_mille_per_day_planned';
    return t(key, { amount: format.euro(rule.amountCents), perMille: format.number(rule.perMille) });
  }
  if (rule.kind === 'fixed' || !rule.clock) return text;
  return `${text} — ${t('penalties.ruleTarget', { clock: clockLabel(t, rule.clock), priority: priorityLabel(t, rule.priority).toLowerCase() })}`;
}

export const delayText = (t: Translate, ms: number | null) => (ms === null ? '—' : durationText(ms, t));

/** The penalty's name: its work order and clock. */
export const penaltyName = (t: Translate, p: PenaltyDto) => (p.workOrder ? `${p.workOrder.number} · ${clockLabel(t, p.clock)}` : p.period);
