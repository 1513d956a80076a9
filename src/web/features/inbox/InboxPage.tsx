import { useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  EmptyState,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFilePlus, IconLink, IconMailbox, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { attachInbound, discardInbound, openTicketFromInbound, useInbound, type InboundItem } from '../../api/notices';
import { isVersionConflict } from '../../api/problem';
import { refreshWorkflow } from '../../api/workflow';
import { EntitySelect } from '../../components/EntitySelect';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { lookup } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

type Mode = 'open' | 'attach' | 'discard';

function HandleDialog({ message, mode, onClose }: { message: InboundItem; mode: Mode; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const [subject, setSubject] = useState(message.subject);
  const [ticketNumber, setTicketNumber] = useState(message.ticketNumber ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => {
      if (mode === 'open')
        return openTicketFromInbound(message, {
          buildingId: buildingId ?? '',
          ...(spaceId ? { spaceId } : {}),
          ...(subject.trim() ? { subject: subject.trim() } : {}),
        });
      if (mode === 'attach') return attachInbound(message, ticketNumber.trim());
      return discardInbound(message, reason.trim());
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['inbound'] });
      void refreshWorkflow(queryClient);
      notify(
        mode === 'open'
          ? t('inbox.opened', { number: saved.ticketNumber ?? '' })
          : mode === 'attach'
            ? t('inbox.attached', { number: saved.ticketNumber ?? ticketNumber })
            : t('inbox.discarded'),
      );
      onClose();
    },
  });
  const submit = () => {
    if (mode === 'open' && !buildingId) return setError(t('form.required'));
    if (mode === 'attach' && !ticketNumber.trim()) return setError(t('form.required'));
    if (mode === 'discard' && !reason.trim()) return setError(t('form.required'));
    setError(null);
    run.mutate();
  };
  const titles = { open: t('inbox.openTicket'), attach: t('inbox.attach'), discard: t('inbox.discard') };
  return (
    <Modal opened onClose={onClose} title={titles[mode]} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {t('inbox.from', { from: message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress })} ·{' '}
            {message.subject}
          </Text>
          {mode === 'open' && (
            <>
              <EntitySelect
                entity="buildings"
                label={t('newTicket.building')}
                required
                value={buildingId}
                onChange={(v) => {
                  setBuildingId(v);
                  setSpaceId(null);
                }}
                error={error}
              />
              <EntitySelect
                key={buildingId ?? 'none'}
                entity="spaces"
                label={t('newTicket.space')}
                disabled={!buildingId}
                params={{ buildingId: buildingId ?? undefined }}
                value={spaceId}
                onChange={setSpaceId}
              />
              <TextInput label={t('ticket.subject')} value={subject} maxLength={200} onChange={(e) => setSubject(e.currentTarget.value)} />
              <Text size="xs" c="dimmed">
                {t('inbox.openHint')}
              </Text>
            </>
          )}
          {mode === 'attach' && (
            <TextInput
              label={t('inbox.ticketNumber')}
              description={t('inbox.ticketNumberHint')}
              required
              value={ticketNumber}
              onChange={(e) => setTicketNumber(e.currentTarget.value)}
              error={error}
            />
          )}
          {mode === 'discard' && (
            <Textarea
              label={t('fields.reason')}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={error}
            />
          )}
          {run.isError &&
            (isVersionConflict(run.error) ? (
              <ProblemAlert error={run.error} title={t('inbox.alreadyHandled')} />
            ) : (
              <ProblemAlert error={run.error} />
            ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={mode === 'discard' ? 'red' : undefined} loading={run.isPending}>
              {titles[mode]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MessageCard({ m }: { m: InboundItem }) {
  const t = useT();
  const format = useFormat();
  const [mode, setMode] = useState<Mode | null>(null);
  return (
    <Card withBorder padding="md" component="li">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5">
            {m.subject || t('inbox.noSubject')}
          </Title>
          {m.reason && (
            <Badge variant="outline" color={m.reason === 'sender_not_verified' ? 'red' : 'orange'} tt="none">
              {lookup(t, `inbox.reasons.${m.reason}`, m.reason)}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('inbox.from', { from: m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress })} · {format.dateTime(m.receivedAt)}
        </Text>
        {m.status === 'held' && (m.reason === 'sender_not_verified' || m.reason === 'unknown_sender') && (
          <Text size="sm">{t('inbox.notVerifiedHint')}</Text>
        )}
        <Text size="sm" lineClamp={8} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {m.body}
        </Text>
        {m.attachments.length > 0 && (
          <Group gap="xs">
            <IconPaperclip size={14} aria-hidden />
            <Text size="sm">{m.attachments.map((a) => `${a.filename} (${format.bytes(a.size)})`).join(', ')}</Text>
          </Group>
        )}
        {m.status === 'held' ? (
          <Group gap="xs">
            <Button size="sm" leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setMode('open')}>
              {t('inbox.openTicket')}
            </Button>
            <Button size="sm" variant="default" leftSection={<IconLink size={16} aria-hidden />} onClick={() => setMode('attach')}>
              {t('inbox.attach')}
            </Button>
            <Button
              size="sm"
              variant="outline"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setMode('discard')}
            >
              {t('inbox.discard')}
            </Button>
          </Group>
        ) : (
          m.ticketId && (
            <Anchor component={Link} to={`/tickets/${m.ticketId}`} size="sm">
              {t('inbox.goToTicket', { number: m.ticketNumber ?? '' })}
            </Anchor>
          )
        )}
      </Stack>
      {mode && <HandleDialog message={m} mode={mode} onClose={() => setMode(null)} />}
    </Card>
  );
}

const STATUSES = ['held', 'ticket_opened', 'comment_added', 'discarded'] as const;

/** The call center's inbox: e-mails Presidio could not place on its own, to open, attach or discard. */
export function InboxPage() {
  const t = useT();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('held');
  const list = useInbound({ status });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return (
    <>
      <PageHeader title={t('nav.inbox')} description={t('inbox.description')} />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('common.status')}
          value={status}
          onChange={(v) => setStatus(v as (typeof STATUSES)[number])}
          data={STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
          style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
          styles={{ root: { flexWrap: 'wrap' } }}
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
              icon={<IconMailbox size={28} aria-hidden />}
              title={t('inbox.emptyTitle')}
              description={t('inbox.emptyDescription')}
            />
          </Card>
        ) : (
          <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((m) => (
              <MessageCard key={m.id} m={m} />
            ))}
          </Stack>
        )}
        {list.hasNextPage && (
          <Group>
            <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('list.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
