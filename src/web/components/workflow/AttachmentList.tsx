import { useRef, useState } from 'react';
import { Anchor, Badge, Button, FileButton, Group, Image, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconLock, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  refreshWorkflow,
  uploadAttachment,
  type ActionTarget,
  type AttachmentDto,
  type AttachmentKind,
  type Visibility,
} from '../../api/workflow';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { notify } from '../notify';
import { ProblemAlert } from '../ProblemAlert';
import { attachmentKindLabel } from './labels';

const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

/** The files of a ticket or work order: photos as thumbnails, everything downloadable. */
export function AttachmentGrid({ attachments }: { attachments: AttachmentDto[] }) {
  const t = useT();
  const format = useFormat();
  if (attachments.length === 0) return <Text c="dimmed">{t('attachments.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      {attachments.map((a) => (
        <Paper key={a.id} withBorder p="xs">
          <Stack gap={6}>
            {PREVIEWABLE.has(a.contentType) && (
              <Image src={a.url} alt={t('attachments.photoAlt', { name: a.filename })} h={140} fit="cover" radius="sm" loading="lazy" />
            )}
            <Group gap={6}>
              <Badge size="sm" variant="outline" color="primary" tt="none">
                {attachmentKindLabel(t, a.kind)}
              </Badge>
              {a.visibility === 'internal' && (
                <Badge size="sm" variant="outline" color="gray" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
                  {t('comments.internal')}
                </Badge>
              )}
            </Group>
            <Anchor href={a.url} download={a.filename} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <IconDownload size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
              {t('attachments.download', { name: a.filename })}
            </Anchor>
            <Text size="xs" c="dimmed">
              {format.bytes(a.size)} · {format.dateTime(a.createdAt)}
              {a.uploadedBy ? ` · ${a.uploadedBy.label}` : ''}
            </Text>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

interface UploaderProps {
  target: ActionTarget;
  kinds: readonly AttachmentKind[];
  defaultKind?: AttachmentKind;
  /** Staff may mark a file internal; on work orders files are internal unless said public. */
  staff: boolean;
  /** Label of the button (e.g. "Allega la dichiarazione di conformità"). */
  label?: string;
}

/** Upload of one or more files of a chosen kind (photos straight from a phone's camera too). */
export function AttachmentUploader({ target, kinds, defaultKind, staff, label }: UploaderProps) {
  const t = useT();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AttachmentKind>(defaultKind ?? kinds[0] ?? 'photo');
  const [visibility, setVisibility] = useState<Visibility>(target.kind === 'workOrder' ? 'internal' : 'public');
  const resetRef = useRef<() => void>(null);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const f of files) await uploadAttachment(target, f, kind, staff ? visibility : undefined);
      return files.length;
    },
    onSuccess: (n) => {
      notify(t('attachments.uploaded', { count: n }));
      resetRef.current?.();
      void refreshWorkflow(queryClient);
    },
    onError: () => resetRef.current?.(),
  });
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {kinds.length > 1 && (
          <Select
            label={t('attachments.kind')}
            data={kinds.map((k) => ({ value: k, label: attachmentKindLabel(t, k) }))}
            value={kind}
            onChange={(v) => v && setKind(v as AttachmentKind)}
            allowDeselect={false}
            miw={220}
            key={i18n.language}
          />
        )}
        {staff && (
          <Select
            label={t('comments.visibility')}
            data={[
              { value: 'public', label: t('comments.public') },
              { value: 'internal', label: t('comments.internalLong') },
            ]}
            value={visibility}
            onChange={(v) => setVisibility(v === 'public' ? 'public' : 'internal')}
            allowDeselect={false}
            miw={220}
          />
        )}
        <FileButton resetRef={resetRef} onChange={(files) => files.length > 0 && upload.mutate(files)} accept={ACCEPT} multiple>
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
              {label ?? t('attachments.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('attachments.accepted')}
      </Text>
      {upload.isError && <ProblemAlert error={upload.error} title={t('attachments.uploadFailed')} />}
    </Stack>
  );
}
