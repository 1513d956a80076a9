import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { documentAction, type DocumentCheckAction, type WorkOrderDocumentsDto } from '../../api/as-built';
import { fieldPath, isApiError } from '../../api/problem';
import { refreshWorkflow, type WorkOrderDto } from '../../api/workflow';
import { notify } from '../../components/notify';
import { attachmentKindLabel } from '../../components/workflow/labels';
import { useT } from '../../i18n/messages';

type Item = WorkOrderDocumentsDto['items'][number];

const STATE_COLOR: Record<Item['state'], string> = { missing: 'orange', uploaded: 'blue', accepted: 'green', returned: 'red' };

/**
 * #10 item 1: the documents a completed work order carries, each checked by the building manager.
 * The contractor names one of the work order's files for a document (upload); the building manager
 * accepts it or returns it with a reason. The buttons are the server's availableActions.
 */
export function DocumentChecks({ workOrder }: { workOrder: WorkOrderDto }) {
  const t = useT();
  const { items, complete } = workOrder.documents;
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="document-checks">
      <Title order={3} size="h5">
        {t('asBuilt.title')}
      </Title>
      <Text size="sm" fw={600} data-testid="documents-complete" data-complete={complete}>
        {complete ? t('asBuilt.complete') : t('asBuilt.incomplete')}
      </Text>
      <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('asBuilt.title')}>
        {items.map((d) => (
          <DocumentCheck key={d.id} workOrder={workOrder} doc={d} />
        ))}
      </Stack>
    </Stack>
  );
}

function DocumentCheck({ workOrder, doc }: { workOrder: WorkOrderDto; doc: Item }) {
  const t = useT();
  const queryClient = useQueryClient();
  const files = workOrder.attachments.filter((a) => a.kind === doc.documentType);
  const [attachmentId, setAttachmentId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const label = attachmentKindLabel(t, doc.documentType);
  const chosen = attachmentId ?? files[files.length - 1]?.id ?? null;

  const mutation = useMutation({
    mutationFn: (action: DocumentCheckAction) =>
      documentAction(workOrder.id, doc.documentType, action, {
        version: doc.version,
        ...(action === 'upload' && chosen ? { attachmentId: chosen } : {}),
        ...(action === 'return' ? { reason } : {}),
      }),
    onMutate: () => setError(null),
    onSuccess: (_saved, action) => {
      setReason('');
      void refreshWorkflow(queryClient);
      notify(t(`asBuilt.done.${action}`, { kind: label }));
    },
    onError: (e) => {
      if (!isApiError(e)) return setError({ field: null, message: String(e) });
      const f = e.errors[0];
      setError(f ? { field: fieldPath(f.field ?? ''), message: f.message } : { field: null, message: e.detail ?? e.message });
    },
  });

  const actions = doc.availableActions;
  return (
    <li data-testid={`document-${doc.documentType}`} data-state={doc.state}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Badge color={STATE_COLOR[doc.state]} variant="light">
            {t(`asBuilt.states.${doc.state}`)}
          </Badge>
          {doc.attachment && (
            <Anchor size="sm" href={`/api/attachments/${doc.attachment.id}`} download={doc.attachment.filename}>
              {doc.attachment.filename}
            </Anchor>
          )}
        </Group>
        {doc.state === 'returned' && doc.reason && (
          <Text size="sm" data-testid="document-reason">
            {t('asBuilt.returnedBecause', { reason: doc.reason })}
          </Text>
        )}
        {actions.includes('upload') &&
          (files.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('asBuilt.uploadFirst', { kind: label })}
            </Text>
          ) : (
            <Group align="flex-end" gap="xs">
              <Select
                label={t('asBuilt.file')}
                data={files.map((f) => ({ value: f.id, label: f.filename }))}
                value={chosen}
                onChange={setAttachmentId}
                allowDeselect={false}
                error={error?.field === 'attachmentId' ? error.message : undefined}
              />
              <Button size="sm" loading={mutation.isPending} onClick={() => mutation.mutate('upload')}>
                {t('asBuilt.actions.upload')}
              </Button>
            </Group>
          ))}
        {(actions.includes('accept') || actions.includes('return')) && (
          <Group align="flex-end" gap="xs">
            {actions.includes('accept') && (
              <Button size="sm" color="green" loading={mutation.isPending} onClick={() => mutation.mutate('accept')}>
                {t('asBuilt.actions.accept')}
              </Button>
            )}
            {actions.includes('return') && (
              <>
                <TextInput
                  label={t('asBuilt.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={error?.field === 'reason' ? error.message : undefined}
                />
                <Button size="sm" variant="outline" color="red" loading={mutation.isPending} onClick={() => mutation.mutate('return')}>
                  {t('asBuilt.actions.return')}
                </Button>
              </>
            )}
          </Group>
        )}
        {error && error.field !== 'reason' && error.field !== 'attachmentId' && (
          <Text size="sm" c="red.9" role="alert">
            {error.message}
          </Text>
        )}
      </Stack>
    </li>
  );
}
