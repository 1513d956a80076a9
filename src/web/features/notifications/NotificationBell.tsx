import { Button, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useUnreadCount } from '../../api/notices';
import { useT } from '../../i18n/messages';

/** The bell in the header: how many notifications are unread; opens the list. */
export function NotificationBell() {
  const t = useT();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Button
      component={Link}
      to="/notifications"
      variant="subtle"
      color="white"
      c="white"
      px="xs"
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
    >
      <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red" offset={2} inline>
        <IconBell size={22} aria-hidden />
      </Indicator>
    </Button>
  );
}
