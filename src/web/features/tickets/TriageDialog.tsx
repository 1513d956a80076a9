import { useState } from 'react';
import { Button, Select, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isVersionConflict } from '../../api/problem';
import { patchTicket, PRIORITIES, refreshWorkflow, type TicketDto, type TicketPatch } from '../../api/workflow';
import { EntitySelect } from '../../components/EntitySelect';
import { focusFirstError } from '../../components/focusFirstError';
import { notify } from '../../components/notify';
import { ActionFooter, ActionModal } from '../../components/workflow/ActionDialog';
import { priorityLabel } from '../../components/workflow/labels';
import { useT } from '../../i18n/messages';
import { checkEmail } from '../registry/formHelpers';
import { changedFields, mapServerErrors } from '../registry/serverErrors';
import { CallerLookup } from './CallerLookup';

interface Values {
  subject: string;
  description: string;
  buildingId: string | null;
  floorId: string | null;
  spaceId: string | null;
  requester: { id: string; label: string } | null;
  callerName: string;
  callerPhone: string;
  callerEmail: string;
  priority: string | null;
  danger: boolean;
}

const fieldset = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

function valuesOf(ticket: TicketDto): Values {
  return {
    subject: ticket.subject,
    description: ticket.description,
    buildingId: ticket.building.id,
    floorId: null,
    spaceId: ticket.space?.id ?? null,
    requester: ticket.requester?.id ? { id: ticket.requester.id, label: ticket.requester.label } : null,
    callerName: ticket.caller?.name ?? '',
    callerPhone: ticket.caller?.phone ?? '',
    callerEmail: ticket.caller?.email ?? '',
    priority: ticket.priority,
    danger: ticket.danger,
  };
}

/** The PATCH body: what the form holds, in the API's fields (empty text clears an optional field). */
function patchOf(v: Values): TicketPatch & Record<string, unknown> {
  return {
    subject: v.subject.trim(),
    description: v.description.trim(),
    buildingId: v.buildingId ?? '',
    spaceId: v.spaceId,
    requesterId: v.requester?.id ?? null,
    callerName: v.callerName.trim() || null,
    callerPhone: v.callerPhone.trim() || null,
    callerEmail: v.callerEmail.trim() || null,
    priority: v.danger ? 'emergency' : v.priority,
    danger: v.danger,
  };
}

/**
 * "Completa la segnalazione": the call center (or a building manager) corrects a new ticket before
 * it is qualified — subject, description, place, who called, a priority hint, the danger flag.
 * Only what changed is sent, with the version read; the timeline then lists each change.
 */
function TriageForm({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [initial] = useState(() => valuesOf(ticket));
  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.subject.trim()) errors.subject = t('form.required');
      if (!v.description.trim()) errors.description = t('form.required');
      if (!v.buildingId) errors.buildingId = t('newTicket.buildingRequired');
      checkEmail(errors, 'callerEmail', v.callerEmail, t);
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: Values) => patchTicket(ticket.id, ticket.version, changedFields(patchOf(initial), patchOf(v)) as TicketPatch),
    onSuccess: (saved) => {
      void refreshWorkflow(queryClient);
      notify(t('triage.done', { number: saved.number }));
      onClose();
    },
    onError: (error, values) => {
      const { formErrors } = mapServerErrors(error, values, { requesterId: 'requester' });
      form.setErrors(formErrors);
      focusFirstError(formErrors);
    },
  });
  const reload = () => void refreshWorkflow(queryClient).then(onClose);

  return (
    <form
      noValidate
      aria-label={t('actions.triage.title')}
      onSubmit={form.onSubmit(
        (v) => save.mutate(v),
        (errors) => focusFirstError(errors),
      )}
    >
      <Stack gap="md">
        <Stack gap="sm" component="fieldset" style={fieldset}>
          <Title order={3} size="h5" component="legend" mb="xs">
            {t('newTicket.callerTitle')}
          </Title>
          <CallerLookup
            linked={form.values.requester}
            onPick={(c) => {
              form.setFieldValue('requester', { id: c.id, label: c.displayName });
              if (!form.values.callerPhone && c.phone) form.setFieldValue('callerPhone', c.phone);
              if (!form.values.callerEmail && c.email) form.setFieldValue('callerEmail', c.email);
            }}
            onUnlink={() => form.setFieldValue('requester', null)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('newTicket.callerName')} autoComplete="off" maxLength={200} {...form.getInputProps('callerName')} />
            <TextInput
              label={t('newTicket.callerPhone')}
              type="tel"
              autoComplete="off"
              maxLength={40}
              {...form.getInputProps('callerPhone')}
            />
            <TextInput
              label={t('newTicket.callerEmail')}
              type="email"
              autoComplete="off"
              maxLength={200}
              {...form.getInputProps('callerEmail')}
            />
          </SimpleGrid>
        </Stack>

        <Stack gap="sm" component="fieldset" style={fieldset}>
          <Title order={3} size="h5" component="legend" mb="xs">
            {t('newTicket.whereTitle')}
          </Title>
          <EntitySelect
            entity="buildings"
            label={t('newTicket.building')}
            required
            {...form.getInputProps('buildingId')}
            onChange={(v) => {
              form.setFieldValue('buildingId', v);
              form.setFieldValue('floorId', null);
              form.setFieldValue('spaceId', null);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <EntitySelect
              key={`floor-${form.values.buildingId ?? ''}`}
              entity="floors"
              label={t('newTicket.floor')}
              placeholder={t('newTicket.floorPlaceholder')}
              disabled={!form.values.buildingId}
              params={{ buildingId: form.values.buildingId ?? undefined }}
              {...form.getInputProps('floorId')}
              onChange={(v) => {
                form.setFieldValue('floorId', v);
                form.setFieldValue('spaceId', null);
              }}
            />
            <EntitySelect
              key={`space-${form.values.buildingId ?? ''}-${form.values.floorId ?? ''}`}
              entity="spaces"
              label={t('newTicket.space')}
              placeholder={t('newTicket.spacePlaceholder')}
              disabled={!form.values.buildingId}
              params={{ buildingId: form.values.buildingId ?? undefined, floorId: form.values.floorId ?? undefined }}
              {...form.getInputProps('spaceId')}
            />
          </SimpleGrid>
        </Stack>

        <Stack gap="sm" component="fieldset" style={fieldset}>
          <Title order={3} size="h5" component="legend" mb="xs">
            {t('newTicket.phone.whatTitle')}
          </Title>
          <TextInput label={t('ticket.subject')} required maxLength={200} {...form.getInputProps('subject')} />
          <Textarea
            label={t('newTicket.phone.description')}
            required
            autosize
            minRows={3}
            maxLength={10_000}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('triage.priorityHint')}
              description={t('triage.priorityHintHelp')}
              data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }))}
              clearable
              disabled={form.values.danger}
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('priority')}
            />
            <Switch
              mt="lg"
              label={t('newTicket.emergencyToggle')}
              description={t('newTicket.emergencyToggleHint')}
              checked={form.values.danger}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                form.setFieldValue('danger', on);
                // Danger meant emergency: without it the hint starts again from none.
                if (!on && form.values.priority === 'emergency') form.setFieldValue('priority', null);
              }}
            />
          </SimpleGrid>
        </Stack>

        <ActionFooter
          action="triage"
          pending={save.isPending}
          error={save.error}
          conflict={isVersionConflict(save.error)}
          onReload={reload}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}

/** The ticket page's "Completa la segnalazione" button and its dialog (shown while the ticket may be triaged). */
export function TriageButton({ ticket }: { ticket: TicketDto }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (!ticket.editable) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('actions.triage.label')}
      </Button>
      {open && (
        <ActionModal action="triage" opened onClose={() => setOpen(false)}>
          <TriageForm ticket={ticket} onClose={() => setOpen(false)} />
        </ActionModal>
      )}
    </>
  );
}
