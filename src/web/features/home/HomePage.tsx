import { Anchor, Card, EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import type { Me } from '../../api/types';
import { useT, type MessageKey } from '../../i18n/messages';
import { PageHeader } from '../../components/PageHeader';
import { navigationFor } from '../../app/navigation';

/** What the work queue will hold for each role, once tickets and work orders exist. */
const QUEUE_HINT: Array<[Me['roles'][number], MessageKey]> = [
  ['admin', 'home.queueHint.admin'],
  ['building_manager', 'home.queueHint.building_manager'],
  ['service_head', 'home.queueHint.service_head'],
  ['call_center', 'home.queueHint.call_center'],
  ['contractor', 'home.queueHint.contractor'],
  ['accounting', 'home.queueHint.accounting'],
  ['requester', 'home.queueHint.requester'],
];

export function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  if (!me) return null;
  const hints = QUEUE_HINT.filter(([role]) => me.roles.includes(role)).map(([, key]) => key);
  const links = navigationFor(me)
    .flatMap((g) => g.items)
    .filter((item) => item.to !== '/');

  return (
    <Stack gap="xl">
      <PageHeader title={t('home.welcome', { name: me.displayName })} description={t('home.roles', { roles: me.roles.map((r) => t(`roles.${r}`)).join(', ') })} />

      <section aria-labelledby="queue-title">
        <Title order={2} size="h3" id="queue-title" mb="sm">
          {t('home.queueTitle')}
        </Title>
        <Card withBorder padding="lg">
          <EmptyState
            icon={<IconInbox size={32} aria-hidden />}
            title={t('home.queueEmptyTitle')}
            description={t('home.queueEmptyDescription')}
          >
            {hints.length > 0 && (
              <Stack gap={4} mt="sm" maw={640}>
                {hints.map((key) => (
                  <Text key={key} size="sm">
                    {t(key)}
                  </Text>
                ))}
              </Stack>
            )}
          </EmptyState>
        </Card>
      </section>

      {links.length > 0 && (
        <section aria-labelledby="links-title">
          <Title order={2} size="h3" id="links-title" mb="sm">
            {t('home.linksTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {links.map((item) => {
              const Icon = item.icon;
              return (
                <Card key={item.to} withBorder padding="md">
                  <Anchor component={Link} to={item.to} fw={600} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <Icon size={20} aria-hidden />
                    {t(item.label)}
                  </Anchor>
                </Card>
              );
            })}
          </SimpleGrid>
        </section>
      )}
    </Stack>
  );
}
