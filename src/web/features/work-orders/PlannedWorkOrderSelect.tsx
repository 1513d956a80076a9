// The open planned work orders of a building, to name the one that will do a fault's job "in plan".
import { Select } from '@mantine/core';
import { OPEN_PLANNED_STATES, useWorkOrderList } from '../../api/workflow';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

export function PlannedWorkOrderSelect({
  buildingId,
  label,
  value,
  onChange,
  error,
}: {
  buildingId: string;
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
}) {
  const t = useT();
  const format = useFormat();
  const list = useWorkOrderList({ kind: 'planned', buildingId, status: [...OPEN_PLANNED_STATES] }, 100);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const data = items.map((w) => ({
    value: w.id,
    label: `${w.number} – ${w.description}${w.scheduledAt ? ` (${format.dateTime(w.scheduledAt)})` : ''}`,
  }));
  return (
    <Select
      label={label}
      description={data.length || list.isPending ? t('planned.choosePlanned') : t('planned.noPlanned')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      error={error}
      comboboxProps={{ withinPortal: true }}
      disabled={!list.isPending && data.length === 0}
    />
  );
}
