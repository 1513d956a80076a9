import { Text } from '@mantine/core';
import { useT } from '../../i18n/messages';

/** A limit in words: "2 h lavorative", "30 min solari", or "senza limite". */
export function LimitText({ limit }: { limit: { minutes: number; basis: 'solar' | 'working' } | null }) {
  const t = useT();
  if (!limit) {
    return (
      <Text size="sm" c="dimmed" component="span">
        {t('adminSla.table.noLimit')}
      </Text>
    );
  }
  const h = Math.floor(limit.minutes / 60);
  const m = limit.minutes % 60;
  const duration = [h ? t('sla.hours', { count: h }) : '', m ? t('sla.minutes', { count: m }) : ''].filter(Boolean).join(' ');
  return (
    <Text size="sm" component="span">
      {t(`adminSla.limit.${limit.basis}`, { duration })}
    </Text>
  );
}
