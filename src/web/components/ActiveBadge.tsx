import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleOff } from '@tabler/icons-react';
import { useT } from '../i18n/messages';

/** Active or inactive, in words and with an icon (never colour alone). */
export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return (
    <Badge
      variant="light"
      color={active ? 'green' : 'gray'}
      leftSection={active ? <IconCircleCheck size={14} aria-hidden /> : <IconCircleOff size={14} aria-hidden />}
      tt="none"
    >
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}
