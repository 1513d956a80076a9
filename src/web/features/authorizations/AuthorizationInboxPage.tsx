import { useMemo, useState } from 'react';
import { Anchor, Card, Center, Grid, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTicket, useWorkOrder, useWorkOrderList, type WorkOrderDto } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionBar } from '../../components/workflow/ActionBar';
import { ActionModal } from '../../components/workflow/ActionDialog';
import { AttachmentGrid } from '../../components/workflow/AttachmentList';
import { technologyClassName } from '../../components/workflow/labels';
import { Details, Section } from '../../components/workflow/Section';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { QuoteView } from '../work-orders/QuoteView';
import { WorkOrderActionForm } from '../work-orders/WorkOrderPage';

/** The inspection's findings, as recorded in the work order's timeline. */
function findingsOf(w: WorkOrderDto): string | null {
  for (let i = w.timeline.length - 1; i >= 0; i--) {
    const e = w.timeline[i].event;
    const findings = e && e.action === 'record_inspection' ? (e.data as Record<string, unknown>).findings : undefined;
    if (typeof findings === 'string') return findings;
  }
  return null;
}

function Decision({ id }: { id: string }) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const workOrder = useWorkOrder(id);
  const ticket = useTicket(workOrder.data?.ticket?.id);
  const [action, setAction] = useState<string | null>(null);
  if (workOrder.isPending) return <Loader aria-label={t('common.loading')} />;
  if (workOrder.isError) return <ProblemAlert error={workOrder.error} />;
  const w = workOrder.data;
  const findings = findingsOf(w);
  const photos = [...(ticket.data?.attachments ?? []), ...w.attachments].filter(
    (a) => a.kind === 'photo' || a.contentType.startsWith('image/'),
  );
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group gap="xs">
            <Title order={2} size="h3">
              <Anchor component={Link} to={`/work-orders/${w.id}`} inherit>
                {t('workOrder.title', { number: w.number })}
              </Anchor>
            </Title>
            <StatusBadge kind="workOrder" status={w.status} outcome={w.outcome} />
            <PriorityBadge priority={w.priority} />
          </Group>
          <Details
            items={[
              { label: t('fields.description'), value: w.description },
              w.ticket && {
                label: t('workOrder.ticket'),
                value: (
                  <Anchor component={Link} to={`/tickets/${w.ticket.id}`}>
                    {w.ticket.number} – {w.ticket.subject}
                  </Anchor>
                ),
              },
              {
                label: t('ticket.building'),
                value: `${w.building.code} – ${w.building.name}${w.space ? ` · ${w.space.code} ${w.space.name}` : ''}`,
              },
              { label: t('fields.technologyClassId'), value: technologyClassName(w.technologyClass, i18n.language) },
              { label: t('workOrder.contractor'), value: w.contractor.name },
              { label: t('workOrder.contract'), value: t('workOrder.contractValue', { lot: w.contract.lot, cig: w.contract.cig }) },
              w.inspectionAt && { label: t('fields.inspectionAt'), value: format.dateTime(w.inspectionAt) },
            ]}
          />
        </Stack>
      </Card>
      <Section title={t('authorizations.findings')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {findings ?? t('authorizations.noFindings')}
        </Text>
      </Section>
      <Section title={t('quote.title')}>
        {w.quote ? <QuoteView quote={w.quote} /> : <Text size="sm">{t('authorizations.noQuote')}</Text>}
      </Section>
      <Section title={t('authorizations.photos')}>
        <AttachmentGrid attachments={photos} />
      </Section>
      <Section title={t('authorizations.decision')}>
        <ActionBar actions={w.availableActions} onRun={setAction} label={t('authorizations.decision')} />
      </Section>
      {action && (
        <ActionModal action={action} opened onClose={() => setAction(null)}>
          <WorkOrderActionForm workOrder={w} action={action} onClose={() => setAction(null)} />
        </ActionModal>
      )}
    </Stack>
  );
}

/**
 * The service head's authorisation inbox: the quotes waiting, and for the one chosen its lines,
 * totals before and after the discount, the inspection findings and the photos on one screen;
 * approve, or deny with a reason.
 */
export function AuthorizationInboxPage() {
  const t = useT();
  const format = useFormat();
  const { id } = useParams();
  const list = useWorkOrderList({ view: 'awaiting_authorization', sort: 'priority', order: 'asc' }, 100);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const selected = id ?? items[0]?.id;
  return (
    <>
      <PageHeader title={t('nav.authorizations')} description={t('authorizations.description')} />
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
            <nav aria-label={t('authorizations.listLabel')}>
              {items.length === 0 ? (
                <Text c="dimmed">{t('home.empty.toAuthorize')}</Text>
              ) : (
                <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {items.map((w) => (
                    <li key={w.id}>
                      <NavLink
                        component={Link}
                        to={`/authorizations/${w.id}`}
                        active={w.id === selected}
                        aria-current={w.id === selected ? 'page' : undefined}
                        className="nav-link"
                        label={`${w.number} · ${w.building.code}`}
                        description={`${w.description.slice(0, 80)} · ${format.relative(w.issuedAt)}`}
                      />
                    </li>
                  ))}
                </Stack>
              )}
            </nav>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>{selected ? <Decision key={selected} id={selected} /> : null}</Grid.Col>
        </Grid>
      )}
    </>
  );
}
