import { useState } from 'react';
import { Alert, Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarShare, IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { createCalendarFeed, revokeCalendarFeed, useCalendarFeeds, usePlannedInvalidate, type CalendarFeedDto } from '../../api/planned';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** Calendar feeds of a contract or a building: create (the secret address shown once), list, revoke. */
export function CalendarFeeds({ contractId, buildingId, defaultName }: { contractId?: string; buildingId?: string; defaultName: string }) {
  const t = useT();
  const format = useFormat();
  const invalidate = usePlannedInvalidate();
  // The list holds all the caller's feeds: those of this contract or building are shown here.
  const feeds = useCalendarFeeds({});
  const [name, setName] = useState(defaultName);
  const [created, setCreated] = useState<CalendarFeedDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<CalendarFeedDto | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await createCalendarFeed({ contractId, buildingId, name: name.trim() || defaultName }));
      invalidate();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    if (!revoking) return;
    setRevokeError(null);
    try {
      await revokeCalendarFeed(revoking.id);
      notify(t('planned.feeds.revoked'));
      setRevoking(null);
      invalidate();
    } catch (e) {
      setRevokeError(e);
    }
  };
  const items = (feeds.data?.items ?? []).filter(
    (f) => !f.revokedAt && (contractId ? f.contractId === contractId : true) && (buildingId ? f.buildingId === buildingId : true),
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="calendar-feeds">
      <Title order={2} size="h4" id="calendar-feeds">
        {t('planned.feeds.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('planned.feeds.description')}
      </Text>
      <Stack gap="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Group gap="sm" align="flex-end">
            <TextInput
              label={t('planned.fields.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={120}
              w={320}
            />
            <Button type="submit" loading={busy} leftSection={<IconCalendarShare size={16} aria-hidden />}>
              {t('planned.feeds.create')}
            </Button>
          </Group>
        </form>
        {error ? <ProblemAlert error={error} /> : null}
        {created?.url && (
          <Alert color="green" variant="light" title={t('planned.feeds.urlTitle')} role="status">
            <Stack gap="xs">
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  readOnly
                  value={created.url}
                  aria-label={t('planned.feeds.urlTitle')}
                  style={{ flex: 1 }}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton value={created.url}>
                  {({ copied, copy }) => (
                    <Button
                      variant="default"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    >
                      {copied ? t('planned.feeds.copied') : t('planned.feeds.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm">{t('planned.feeds.urlHint')}</Text>
            </Stack>
          </Alert>
        )}
        {feeds.isError ? (
          <ProblemAlert error={feeds.error} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planned.feeds.none')}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((f) => (
              <li key={f.id}>
                <Group justify="space-between" gap="sm">
                  <div>
                    <Text size="sm" fw={600}>
                      {f.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('planned.feeds.createdOn', { date: format.dateTime(f.createdAt) })}
                      {f.prefix ? ` · ${f.prefix}…` : ''}
                    </Text>
                  </div>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => setRevoking(f)}
                    aria-label={t('planned.feeds.revokeNamed', { name: f.name })}
                  >
                    {t('planned.feeds.revoke')}
                  </Button>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
      <ConfirmModal
        opened={!!revoking}
        title={t('planned.feeds.revokeTitle')}
        message={t('planned.feeds.revokeBody')}
        confirmLabel={t('planned.feeds.revoke')}
        danger
        error={revokeError ? <ProblemAlert error={revokeError} /> : undefined}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(null)}
      />
    </Card>
  );
}
