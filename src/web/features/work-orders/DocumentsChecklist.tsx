import { Anchor, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import type { WorkOrderDto } from '../../api/workflow';
import { AttachmentUploader } from '../../components/workflow/AttachmentList';
import { attachmentKindLabel } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { romeDay } from '../../../shared/format';
import { documentsLate } from './documentsDue';

/**
 * The documents closing this work order needs (DM 37/2008 conformity declaration, logbook, test
 * report…), as the server lists them: each ticked when attached, with an upload for the missing ones.
 */
export function DocumentsChecklist({ workOrder, canUpload }: { workOrder: WorkOrderDto; canUpload: boolean }) {
  const t = useT();
  const format = useFormat();
  const { required, missing, attached, dueOn } = workOrder.documents;
  const target = { kind: 'workOrder' as const, id: workOrder.id };
  if (required.length === 0 && attached.length === 0) return <Text size="sm">{t('documents.noneRequired')}</Text>;
  // Completed with documents to follow: the day they are due by (the contract's days), red once
  // it is over (the late-documents penalty may then be proposed). In words, not colour alone.
  const late = documentsLate(dueOn, missing, romeDay());
  return (
    <Stack gap="sm">
      {dueOn && missing.length > 0 && (
        <Text size="sm" fw={600} c={late ? 'red.9' : undefined} data-testid="documents-due" data-late={late}>
          {t(late ? 'documents.dueOnLate' : 'documents.dueOn', { date: format.date(dueOn) })}
        </Text>
      )}
      {required.length > 0 && (
        <List spacing="xs" aria-label={t('documents.required')} listStyleType="none" p={0}>
          {required.map((kind) => {
            const files = attached.filter((a) => a.kind === kind);
            const ok = !missing.includes(kind);
            return (
              <List.Item
                key={kind}
                icon={
                  <ThemeIcon color={ok ? 'green' : 'orange'} variant="light" radius="xl" size="sm" aria-hidden>
                    {ok ? <IconCircleCheck size={14} /> : <IconCircleDashed size={14} />}
                  </ThemeIcon>
                }
              >
                <Text size="sm" span fw={600}>
                  {attachmentKindLabel(t, kind)}
                </Text>{' '}
                <Text size="sm" span>
                  {ok ? t('documents.attached') : t('documents.missing')}
                </Text>
                {files.length > 0 && (
                  <Group gap="xs" mt={2}>
                    {files.map((f) => (
                      <Anchor key={f.attachmentId} size="sm" href={`/api/attachments/${f.attachmentId}`} download={f.filename}>
                        {f.filename}
                      </Anchor>
                    ))}
                  </Group>
                )}
                {!ok && canUpload && (
                  <Stack mt="xs">
                    <AttachmentUploader
                      target={target}
                      kinds={[kind]}
                      staff
                      label={t('documents.attach', { kind: attachmentKindLabel(t, kind) })}
                    />
                  </Stack>
                )}
              </List.Item>
            );
          })}
        </List>
      )}
      {attached.filter((a) => !required.includes(a.kind)).length > 0 && (
        <Text size="sm">
          {t('documents.others')}:{' '}
          {attached
            .filter((a) => !required.includes(a.kind))
            .map((a) => `${attachmentKindLabel(t, a.kind)} (${a.filename})`)
            .join(', ')}
        </Text>
      )}
    </Stack>
  );
}
