import { useMemo } from 'react';
import { Anchor, Badge, Button, Card, Center, EmptyState, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconBellOff, IconChecks } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { markAllNotificationsRead, markNotificationRead, noticeKeys, useNotifications, type NotificationItem } from '../../api/notices';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { isRequesterOnly } from '../tickets/TicketPage';

function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | null) => {
      if (id) await markNotificationRead(id);
      else await markAllNotificationsRead();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.notifications }),
  });
}

function Item({ n, requester }: { n: NotificationItem; requester: boolean }) {
  const t = useT();
  const format = useFormat();
  const mark = useMarkRead();
  const to = n.workOrderId && !requester ? `/work-orders/${n.workOrderId}` : n.ticketId ? `/tickets/${n.ticketId}` : null;
  const unread = !n.readAt;
  return (
    <Card withBorder padding="md" component="li" style={unread ? { boxShadow: 'inset 4px 0 0 var(--mantine-color-primary-6)' } : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Title order={2} size="h5" fw={unread ? 700 : 600}>
            {to ? (
              <Anchor component={Link} to={to} inherit onClick={() => unread && mark.mutate(n.id)}>
                {n.title}
              </Anchor>
            ) : (
              n.title
            )}
          </Title>
          {unread && (
            <Badge color="primary" variant="filled" tt="none" style={{ flexShrink: 0 }}>
              {t('notifications.unread')}
            </Badge>
          )}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {n.body}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {format.dateTime(n.createdAt)} · {format.relative(n.createdAt)}
          </Text>
          {unread && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => mark.mutate(n.id)}
              loading={mark.isPending}
              aria-label={t('notifications.markReadNamed', { title: n.title })}
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** In-app notifications: unread first, then newest; each opens its ticket or work order. */
export function NotificationsPage() {
  const t = useT();
  const { data: me } = useMe();
  const list = useNotifications();
  const markAll = useMarkRead();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.unreadCount', { count: unread })}
        actions={
          unread > 0 ? (
            <Button
              variant="default"
              leftSection={<IconChecks size={16} aria-hidden />}
              onClick={() => markAll.mutate(null)}
              loading={markAll.isPending}
            >
              {t('notifications.markAllRead')}
            </Button>
          ) : null
        }
      />
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder padding="xl">
          <EmptyState
            icon={<IconBellOff size={28} aria-hidden />}
            title={t('notifications.emptyTitle')}
            description={t('notifications.emptyDescription')}
          />
        </Card>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} maw={900}>
          {items.map((n) => (
            <Item key={n.id} n={n} requester={isRequesterOnly(me)} />
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Group mt="md">
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
