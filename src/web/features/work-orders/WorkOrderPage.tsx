import { useState } from 'react';
import { Anchor, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconClockExclamation, IconPrinter, IconUserShare } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { sheetUrl, useWorkOrder, type WorkOrderDto } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ActionBar } from '../../components/workflow/ActionBar';
import { ActionForm, ActionModal } from '../../components/workflow/ActionDialog';
import { actionFields } from '../../components/workflow/actions';
import { ATTACHMENT_KINDS } from '../../api/workflow';
import { AttachmentGrid, AttachmentUploader } from '../../components/workflow/AttachmentList';
import { CommentBox } from '../../components/workflow/CommentBox';
import { technologyClassName } from '../../components/workflow/labels';
import { Details, Section } from '../../components/workflow/Section';
import { SlaClocks } from '../../components/workflow/SlaClocks';
import { PriorityBadge, StatusBadge } from '../../components/workflow/StatusBadge';
import { Timeline } from '../../components/workflow/Timeline';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { DocumentsChecklist } from './DocumentsChecklist';
import { DocumentChecks } from './DocumentChecks';
import { FinalAccountSection } from './FinalAccountSection';
import { QuoteForm } from './QuoteForm';
import { QuoteView } from './QuoteView';
import { ChecklistResults, PlannedDocuments } from './PlannedDetails';
import { AssignDialog } from '../technicians/AssignDialog';

export function WorkOrderPage() {
  const t = useT();
  const { id } = useParams();
  const workOrder = useWorkOrder(id);
  const crumbs = [{ label: t('nav.workOrders'), to: '/work-orders' }];
  if (workOrder.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (workOrder.isError) {
    return (
      <>
        <PageHeader title={t('workOrder.singular')} crumbs={crumbs} />
        <ProblemAlert error={workOrder.error} />
      </>
    );
  }
  return <WorkOrderView workOrder={workOrder.data} crumbs={crumbs} />;
}

/** The form of one action on a work order: the quote editor, the completion with its documents, or the generic one. */
export function WorkOrderActionForm({ workOrder, action, onClose }: { workOrder: WorkOrderDto; action: string; onClose: () => void }) {
  if (action === 'submit_quote') return <QuoteForm workOrder={workOrder} onClose={onClose} />;
  const planned = workOrder.kind === 'planned';
  // The yes/no of "changes the installation" starts from what was recorded (at the inspection).
  const asksChanges = !planned && actionFields('workOrder', action).some((r) => r.field === 'changesInstallation');
  const initial = asksChanges ? { changesInstallation: workOrder.changesInstallation } : undefined;
  const before =
    action !== 'complete' ? undefined : planned ? (
      <PlannedDocuments workOrder={workOrder} />
    ) : (
      <DocumentsChecklist workOrder={workOrder} canUpload />
    );
  return (
    <ActionForm
      object="workOrder"
      targetId={workOrder.id}
      version={workOrder.version}
      action={action}
      onClose={onClose}
      before={before}
      initial={initial}
      planned={planned}
      context={{ checklist: workOrder.checklist, buildingId: workOrder.building.id }}
    />
  );
}

function WorkOrderView({ workOrder: w, crumbs }: { workOrder: WorkOrderDto; crumbs: Array<{ label: string; to: string }> }) {
  const t = useT();
  const format = useFormat();
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const [action, setAction] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const close = () => setAction(null);
  const target = { kind: 'workOrder' as const, id: w.id };
  const place = [
    `${w.building.code} – ${w.building.name}`,
    w.space && `${w.space.code} – ${w.space.name}`,
    w.asset && `${w.asset.code} – ${w.asset.name}`,
    w.location,
  ]
    .filter(Boolean)
    .join(' · ');
  const staff = !!me && me.roles.some((r) => r !== 'requester');
  const planned = w.kind === 'planned';

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('workOrder.title', { number: w.number })}
        crumbs={crumbs}
        badge={
          <Group gap="xs">
            <StatusBadge kind="workOrder" status={w.status} outcome={w.outcome} size="lg" />
            {!planned && <PriorityBadge priority={w.priority} size="lg" />}
            {w.late && (
              <Badge color="red" variant="filled" size="lg" tt="none" leftSection={<IconClockExclamation size={14} aria-hidden />}>
                {t('planned.late')}
              </Badge>
            )}
          </Group>
        }
        description={
          <>
            <Text span fw={600} c="var(--mantine-color-text)" inherit>
              {technologyClassName(w.technologyClass, i18n.language)}
            </Text>
            <br />
            {place}
          </>
        }
        actions={
          <Button
            component="a"
            href={sheetUrl(w.id)}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
          >
            {t('workOrder.sheet')}
          </Button>
        }
      />

      <Section title={t('actions.title')}>
        <Stack gap="sm">
          <ActionBar actions={w.availableActions} onRun={setAction} label={t('actions.title')} />
          {w.canAssign && (
            <Group>
              <Button variant="light" leftSection={<IconUserShare size={16} aria-hidden />} onClick={() => setAssigning(true)}>
                {w.assignee ? t('technicians.reassign') : t('technicians.assign')}
              </Button>
            </Group>
          )}
        </Stack>
      </Section>
      {assigning && <AssignDialog workOrder={w} onClose={() => setAssigning(false)} />}

      {action && (
        <ActionModal action={action} opened onClose={close}>
          <WorkOrderActionForm workOrder={w} action={action} onClose={close} />
        </ActionModal>
      )}

      {w.clocks && (
        <Section title={t('sla.title')}>
          <SlaClocks clocks={w.clocks} />
        </Section>
      )}

      <Section title={t('workOrder.details')}>
        <Details
          items={[
            { label: t('fields.description'), value: w.description },
            w.dueOn && {
              label: t('planned.due'),
              value: w.lateAt
                ? `${format.date(w.dueOn)} — ${t('planned.lateSince', { date: format.dateTime(w.lateAt) })}`
                : format.date(w.dueOn),
            },
            w.technician && { label: t('fields.technician'), value: w.technician },
            w.followUpTicket && {
              label: t('planned.followUp'),
              value: (
                <Anchor component={Link} to={`/tickets/${w.followUpTicket.id}`}>
                  {w.followUpTicket.number}
                </Anchor>
              ),
            },
            w.plannedWorkOrder && {
              label: t('planned.inPlan'),
              value: (
                <Anchor component={Link} to={`/work-orders/${w.plannedWorkOrder.id}`}>
                  {w.plannedWorkOrder.number}
                  {w.plannedWorkOrder.date ? ` (${format.date(w.plannedWorkOrder.date)})` : ''}
                </Anchor>
              ),
            },
            w.ticket && {
              label: t('workOrder.ticket'),
              value: (
                <Anchor component={Link} to={`/tickets/${w.ticket.id}`}>
                  {w.ticket.number} – {w.ticket.subject}
                </Anchor>
              ),
            },
            { label: t('ticket.building'), value: place },
            { label: t('workOrder.contractor'), value: w.contractor.name },
            { label: t('technicians.assignee'), value: w.assignee?.label ?? t('technicians.unassigned') },
            { label: t('workOrder.contract'), value: t('workOrder.contractValue', { lot: w.contract.lot, cig: w.contract.cig }) },
            !planned && { label: t('workOrder.fee'), value: w.extraFee || w.quote ? t('workOrder.extraFee') : t('workOrder.flatFee') },
            w.issuedBy && { label: t('workOrder.issuedBy'), value: `${w.issuedBy.label}, ${format.dateTime(w.issuedAt)}` },
            w.acknowledgedAt && { label: t('workOrder.acknowledgedAt'), value: format.dateTime(w.acknowledgedAt) },
            w.inspectionAt && {
              label: t('fields.inspectionAt'),
              value: `${format.dateTime(w.inspectionAt)} (${format.relative(w.inspectionAt)})`,
            },
            w.scheduledAt && {
              label: t('fields.scheduledAt'),
              value: `${format.dateTime(w.scheduledAt)} (${format.relative(w.scheduledAt)})`,
            },
            w.expectedOn && { label: t('fields.expectedOn'), value: format.date(w.expectedOn) },
            w.plannedActivity && { label: t('fields.plannedActivity'), value: w.plannedActivity },
            w.report && { label: t('fields.report'), value: w.report },
            w.hours !== null && { label: t('fields.hours'), value: format.number(w.hours) },
            w.materials && { label: t('fields.materials'), value: w.materials },
            w.completedAt && { label: t('workOrder.completedAt'), value: format.dateTime(w.completedAt) },
            w.verifiedAt && { label: t('workOrder.verifiedAt'), value: format.dateTime(w.verifiedAt) },
            w.closedAt && { label: t('workOrder.closedAt'), value: format.dateTime(w.closedAt) },
          ]}
        />
      </Section>

      {w.quote && (
        <Section title={t('quote.title')}>
          <QuoteView quote={w.quote} />
        </Section>
      )}

      <FinalAccountSection workOrder={w} />

      {planned && w.checklist.length > 0 && (
        <Section title={t('planned.checklist')}>
          <ChecklistResults workOrder={w} />
        </Section>
      )}

      <Section title={planned ? t('planned.documents') : t('documents.title')}>
        {planned ? <PlannedDocuments workOrder={w} /> : <DocumentsChecklist workOrder={w} canUpload={staff} />}
        <DocumentChecks workOrder={w} />
      </Section>

      <Section title={t('attachments.title')}>
        <AttachmentGrid attachments={w.attachments} />
        {staff && <AttachmentUploader target={target} kinds={ATTACHMENT_KINDS} staff />}
      </Section>

      <Section title={t('timeline.title')}>
        <Timeline items={w.timeline} label={t('timeline.title')} />
      </Section>

      <Section title={t('comments.title')}>
        <CommentBox target={target} staff={staff} />
      </Section>
    </Stack>
  );
}
