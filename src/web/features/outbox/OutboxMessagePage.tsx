import { Alert, Anchor, Button, Card, Center, Code, Loader, Stack, Tabs, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { noticeKeys, retryOutboxItem, useOutboxItem } from '../../api/notices';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { lookup } from '../../components/workflow/labels';
import { Details } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { OutboxStatusBadge } from './OutboxPage';

/**
 * One e-mail of the outbox: who, what, how it went, the text and the HTML as sent. The HTML is
 * shown in a sandboxed frame (no scripts, no same origin, no forms), never in the page itself.
 */
export function OutboxMessagePage() {
  const t = useT();
  const format = useFormat();
  const { id } = useParams();
  const queryClient = useQueryClient();
  const item = useOutboxItem(id);
  const retry = useMutation({
    mutationFn: () => retryOutboxItem(id ?? ''),
    onSuccess: (saved) => {
      queryClient.setQueryData(noticeKeys.outboxItem(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['outbox', 'list'] });
      notify(t('outbox.retried'));
    },
  });
  const crumbs = [{ label: t('nav.outbox'), to: '/admin/outbox' }];
  if (item.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (item.isError) {
    return (
      <>
        <PageHeader title={t('outbox.message')} crumbs={crumbs} />
        <ProblemAlert error={item.error} />
      </>
    );
  }
  const m = item.data;
  return (
    <Stack gap="lg">
      <PageHeader
        title={m.subject}
        crumbs={crumbs}
        badge={<OutboxStatusBadge status={m.status} />}
        actions={
          m.status === 'failed' ? (
            <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => retry.mutate()} loading={retry.isPending}>
              {t('outbox.retry')}
            </Button>
          ) : null
        }
      />
      {retry.isError && <ProblemAlert error={retry.error} />}
      {m.lastError && (
        <Alert color="red" variant="light" title={t('outbox.lastError')}>
          <Code block>{m.lastError}</Code>
        </Alert>
      )}
      <Card withBorder padding="md">
        <Details
          items={[
            { label: t('outbox.to'), value: m.toAddress },
            { label: t('outbox.kind'), value: lookup(t, `notices.kinds.${m.kind}`, m.kind) },
            { label: t('outbox.language'), value: m.language },
            m.ticketNumber && m.ticketId
              ? {
                  label: t('outbox.ticket'),
                  value: (
                    <Anchor component={Link} to={`/tickets/${m.ticketId}`}>
                      {m.ticketNumber}
                    </Anchor>
                  ),
                }
              : null,
            { label: t('outbox.createdAt'), value: format.dateTime(m.createdAt) },
            { label: t('outbox.attempts'), value: format.number(m.attempts) },
            m.sentAt
              ? { label: t('outbox.sentAt'), value: format.dateTime(m.sentAt) }
              : { label: t('outbox.nextAttemptAt'), value: format.dateTime(m.nextAttemptAt) },
            { label: t('outbox.messageId'), value: m.messageId },
          ]}
        />
      </Card>
      <Tabs defaultValue="text" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="text">{t('outbox.text')}</Tabs.Tab>
          <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text" pt="md">
          <Card withBorder padding="md">
            <Text component="pre" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }}>
              {m.textBody}
            </Text>
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="html" pt="md">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('outbox.htmlNote')}
            </Text>
            <iframe
              className="mail-preview"
              title={t('outbox.htmlFrame', { subject: m.subject })}
              sandbox=""
              srcDoc={m.htmlBody}
              referrerPolicy="no-referrer"
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
