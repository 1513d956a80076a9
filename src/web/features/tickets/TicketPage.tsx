import { useState } from 'react';
import { Alert, Anchor, Badge, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { ScrollBox } from '../../components/ScrollBox';
import { IconAlertOctagon, IconInfoCircle } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import type { Me } from '../../api/types';
import { useTicket, useTicketTimeline, type TicketDto } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionBar } from '../../components/workflow/ActionBar';
import { ActionForm, ActionModal } from '../../components/workflow/ActionDialog';
import { AttachmentGrid, AttachmentUploader } from '../../components/workflow/AttachmentList';
import { CommentBox } from '../../components/workflow/CommentBox';
import { technologyClassName } from '../../components/workflow/labels';
import { Details, Section } from '../../components/workflow/Section';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { Timeline } from '../../components/workflow/Timeline';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { IssueForm } from './IssueForm';
import { TriageButton } from './TriageDialog';
import { ticketStatusLine } from './statusLine';
import { nextDate } from '../work-orders/nextDate';

/** Only a requester: sees the plain status line and the public side of the ticket. */
export const isRequesterOnly = (me: Me | null | undefined) => !!me && me.roles.every((r) => r === 'requester');
/** Only a contractor: works on the ticket through its work orders (comments and files go there). */
const isContractorOnly = (me: Me | null | undefined) => !!me && me.roles.every((r) => r === 'contractor');

export function TicketPage() {
  const t = useT();
  const { id } = useParams();
  const ticket = useTicket(id);
  const { data: me } = useMe();
  const crumbs = isRequesterOnly(me)
    ? [{ label: t('nav.myTickets'), to: '/tickets' }] // all of them: this one may be closed
    : [{ label: t('nav.tickets'), to: '/tickets' }];
  if (ticket.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (ticket.isError) {
    return (
      <>
        <PageHeader title={t('ticket.singular')} crumbs={crumbs} />
        <ProblemAlert error={ticket.error} />
      </>
    );
  }
  return <TicketView ticket={ticket.data} crumbs={crumbs} />;
}

function TicketView({ ticket, crumbs }: { ticket: TicketDto; crumbs: Array<{ label: string; to: string }> }) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const timeline = useTicketTimeline(ticket.id);
  const [action, setAction] = useState<string | null>(null);
  const requesterOnly = isRequesterOnly(me);
  const staff = !requesterOnly;
  const target = { kind: 'ticket' as const, id: ticket.id };
  const place = [
    `${ticket.building.code} – ${ticket.building.name}`,
    ticket.space && `${ticket.space.code} – ${ticket.space.name}`,
    ticket.asset && `${ticket.asset.code} – ${ticket.asset.name}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const close = () => setAction(null);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('ticket.title', { number: ticket.number })}
        crumbs={crumbs}
        badge={
          <Group gap="xs">
            <StatusBadge kind="ticket" status={ticket.status} size="lg" />
            <PriorityBadge priority={ticket.priority} size="lg" />
            {ticket.danger && (
              <Badge color="red" variant="filled" size="lg" tt="none" leftSection={<IconAlertOctagon size={14} aria-hidden />}>
                {t('ticket.danger')}
              </Badge>
            )}
          </Group>
        }
        description={
          <>
            <Text span fw={600} c="var(--mantine-color-text)" inherit>
              {ticket.subject}
            </Text>
            <br />
            {place}
          </>
        }
      />

      {requesterOnly && (
        <Alert variant="light" color="primary" icon={<IconInfoCircle aria-hidden />} title={t('ticket.whereItStands')}>
          {ticketStatusLine(t, format, ticket)}
        </Alert>
      )}

      <Section title={t('actions.title')} actions={<TriageButton ticket={ticket} />}>
        <ActionBar actions={ticket.availableActions} onRun={setAction} label={t('actions.title')} />
      </Section>

      {action && (
        <ActionModal action={action} opened onClose={close}>
          {action === 'issue' ? (
            <IssueForm ticket={ticket} onClose={close} />
          ) : (
            <ActionForm object="ticket" targetId={ticket.id} version={ticket.version} action={action} onClose={close} />
          )}
        </ActionModal>
      )}

      <Section title={t('ticket.details')}>
        <Details
          items={[
            { label: t('fields.description'), value: ticket.description },
            { label: t('ticket.building'), value: place },
            ticket.requester && { label: t('ticket.requester'), value: ticket.requester.label },
            ticket.caller && (ticket.caller.name || ticket.caller.phone || ticket.caller.email)
              ? {
                  label: t('ticket.caller'),
                  value: [ticket.caller.name, ticket.caller.phone, ticket.caller.email].filter(Boolean).join(' · '),
                }
              : null,
            ticket.openedBy && { label: t('ticket.openedBy'), value: ticket.openedBy.label },
            { label: t('ticket.channel'), value: t(`channels.${ticket.channel}`) },
            { label: t('ticket.createdAt'), value: `${format.dateTime(ticket.createdAt)} (${format.relative(ticket.createdAt)})` },
            ticket.closedAt && { label: t('ticket.closedAt'), value: format.dateTime(ticket.closedAt) },
            {
              label: t('ticket.reminders'),
              value:
                ticket.reminderCount > 0
                  ? t('ticket.remindersValue', { count: ticket.reminderCount, date: format.dateTime(ticket.lastReminderAt) })
                  : t('ticket.noReminders'),
            },
            ticket.complaintCount !== undefined && { label: t('ticket.complaints'), value: format.number(ticket.complaintCount) },
            ticket.reopenCount > 0 && { label: t('ticket.reopened'), value: format.number(ticket.reopenCount) },
            ticket.reviewFlag ? { label: t('ticket.reviewFlag'), value: t('ticket.reviewFlagValue') } : null,
            ticket.rating && {
              label: t('ticket.rating'),
              value: `${t('rating.starsValue', { count: ticket.rating.stars })} · ${ticket.rating.workDone ? t('rating.workDoneYes') : t('rating.workDoneNo')}${ticket.rating.comment ? ` · «${ticket.rating.comment}»` : ''}`,
            },
          ]}
        />
      </Section>

      {ticket.workOrders.length > 0 && (
        <Section title={t('ticket.workOrders')}>
          <ScrollBox label={t('ticket.workOrders')} minWidth={560}>
            <Table striped withTableBorder aria-label={t('ticket.workOrders')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workOrder.number')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('fields.priority')}</Table.Th>
                  <Table.Th>{t('fields.technologyClassId')}</Table.Th>
                  {staff && <Table.Th>{t('workOrder.contractor')}</Table.Th>}
                  <Table.Th>{t('workOrder.nextDate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ticket.workOrders.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {staff ? (
                        <Anchor component={Link} to={`/work-orders/${w.id}`} fw={600}>
                          {w.number}
                        </Anchor>
                      ) : (
                        w.number
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge kind="workOrder" status={w.status} outcome={w.outcome} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={w.priority} size="sm" bare />
                    </Table.Td>
                    <Table.Td>{technologyClassName(w.technologyClass, i18n.language)}</Table.Td>
                    {staff && <Table.Td>{w.contractor?.name ?? '—'}</Table.Td>}
                    <Table.Td>{nextDate(w, t, format)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Section>
      )}

      <Section title={t('attachments.title')}>
        <AttachmentGrid attachments={ticket.attachments} />
        {!isContractorOnly(me) && <AttachmentUploader target={target} kinds={['photo', 'document']} staff={staff} />}
      </Section>

      <Section title={t('timeline.title')}>
        {timeline.isError ? (
          <ProblemAlert error={timeline.error} />
        ) : timeline.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : (
          <Timeline items={timeline.data.items} label={t('timeline.title')} />
        )}
      </Section>

      {!isContractorOnly(me) && (
        <Section title={t('comments.title')}>
          <CommentBox target={target} staff={staff} />
        </Section>
      )}
    </Stack>
  );
}
