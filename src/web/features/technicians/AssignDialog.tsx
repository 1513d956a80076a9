import { useState, type FormEvent } from 'react';
import { NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldPath, isApiError, isVersionConflict } from '../../api/problem';
import { assignTechnician, useTechnicians } from '../../api/technicians';
import { refreshWorkflow, workflowKeys, type WorkOrderDto } from '../../api/workflow';
import { notify } from '../../components/notify';
import { ActionFooter, ActionModal } from '../../components/workflow/ActionDialog';
import { useT } from '../../i18n/messages';

const ACTION = 'assign_technician';

/** The dispatcher's dialog: one of the contractor's technicians, or nobody; the version read goes with it. */
export function AssignDialog({ workOrder: w, onClose }: { workOrder: WorkOrderDto; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const technicians = useTechnicians();
  const [choice, setChoice] = useState(w.assignee?.id ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => assignTechnician(w.id, w.version, choice === '' ? null : choice),
    onMutate: () => setFieldError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(workflowKeys.workOrder(w.id), saved);
      void refreshWorkflow(queryClient);
      notify(t('technicians.done'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) setFieldError(error.errors.find((e) => fieldPath(e.field ?? '') === 'technicianId')?.message ?? null);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const items = technicians.data?.items ?? [];
  return (
    <ActionModal action={ACTION} opened onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {technicians.isSuccess && items.length === 0 && <Text size="sm">{t('technicians.noTechnicians')}</Text>}
          <NativeSelect
            label={t('technicians.select')}
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
            error={fieldError}
            size="md"
            data={[{ value: '', label: t('technicians.nobody') }, ...items.map((x) => ({ value: x.id, label: x.displayName }))]}
          />
          <ActionFooter
            action={ACTION}
            pending={mutation.isPending}
            error={mutation.error}
            conflict={isVersionConflict(mutation.error)}
            onReload={() => void queryClient.invalidateQueries({ queryKey: workflowKeys.workOrder(w.id) }).then(onClose)}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </ActionModal>
  );
}
