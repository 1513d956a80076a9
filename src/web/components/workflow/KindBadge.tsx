import { Badge } from '@mantine/core';
import { IconCalendarRepeat } from '@tabler/icons-react';
import { useT } from '../../i18n/messages';

/** "Programmata" beside a ticket or work order opened by a published program (#8); faults show nothing. */
export function KindBadge({ kind }: { kind: string | undefined }) {
  const t = useT();
  if (kind !== 'planned') return null;
  return (
    <Badge variant="light" color="teal" size="sm" tt="none" leftSection={<IconCalendarRepeat size={12} aria-hidden />} ml={6}>
      {t('planned.kind.planned')}
    </Badge>
  );
}
