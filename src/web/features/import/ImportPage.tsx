import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, FileInput, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client';
import { isApiError } from '../../api/problem';
import { ENTITY_API } from '../../api/registry';
import { METERS_API, PLANS_API } from '../../api/plans';
import { IMPORT_KINDS, type ImportKind, type ImportResult } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';
import { ImportErrorsTable } from './ImportErrorsTable';

/** Header names the server reads (docs/API.md "Import"). */
const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  buildings: {
    required: ['site_code', 'code', 'name', 'address', 'competence'],
    optional: ['department_code', 'notify_occupants', 'new_ticket_notices'],
  },
  spaces: { required: ['building_code', 'floor_code', 'code', 'name'], optional: ['floor_name', 'floor_level', 'use', 'area_m2'] },
  assets: { required: ['code', 'name', 'technology_class_code', 'building_code'], optional: ['space_code', 'serial_number'] },
  'maintenance-plans': {
    required: ['code', 'activity', 'building_code', 'technology_class_code', 'schedule_kind', 'starts_on'],
    optional: [
      'asset_code',
      'rrule',
      'frequency_months',
      'ends_on',
      'season_from',
      'season_to',
      'shift',
      'meter_name',
      'meter_every',
      'regulation',
      'estimated_minutes',
      'checklist',
      'required_documents',
      'description',
    ],
  },
  'meter-readings': { required: ['asset_code', 'meter_name', 'value', 'read_at'], optional: [] },
};

function upload(kind: ImportKind, file: File): Promise<ImportResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiRequest<ImportResult>(`/api/imports/${kind}`, { method: 'POST', body });
}

/** Bulk import of buildings, spaces or assets from CSV or XLSX: all rows or none. */
export function ImportPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('buildings');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (input: { kind: ImportKind; file: File }) => upload(input.kind, input.file),
    onSuccess: (result) => {
      const touched =
        result.kind === 'spaces'
          ? [ENTITY_API.spaces, ENTITY_API.floors]
          : result.kind === 'maintenance-plans'
            ? [PLANS_API]
            : result.kind === 'meter-readings'
              ? [METERS_API, PLANS_API]
              : [ENTITY_API[result.kind]];
      for (const path of touched) void queryClient.invalidateQueries({ queryKey: [path] });
    },
  });

  const invalid = isApiError(mutation.error) && mutation.error.code === 'IMPORT_INVALID' ? mutation.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    setFileError(null);
    mutation.mutate({ kind, file });
  };

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={880}>
        <form noValidate onSubmit={submit} aria-labelledby="import-form-title">
          <Stack gap="md">
            <Title order={2} size="h4" id="import-form-title">
              {t('import.formTitle')}
            </Title>
            <Radio.Group
              label={t('import.kind')}
              required
              value={kind}
              onChange={(value) => {
                if ((IMPORT_KINDS as readonly string[]).includes(value)) setKind(value as ImportKind);
                mutation.reset();
              }}
            >
              <Group mt="xs" gap="lg">
                {IMPORT_KINDS.map((k) => (
                  <Radio key={k} value={k} label={t(`import.kinds.${k}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Stack gap={4}>
              <Text size="sm">
                {t('import.columnsRequired')} <Code>{COLUMNS[kind].required.join(';')}</Code>
              </Text>
              <Text size="sm">
                {t('import.columnsOptional')} <Code>{COLUMNS[kind].optional.join(';')}</Code>
              </Text>
              <Text size="sm" c="dimmed">
                {t(`import.columnsNote.${kind}`)}
              </Text>
            </Stack>
            <FileInput
              label={t('import.file')}
              description={t('import.fileHint')}
              placeholder={t('import.choose')}
              required
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => {
                setFile(f);
                setFileError(null);
                mutation.reset();
              }}
              error={fileError}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              leftSection={<IconFileUpload size={16} aria-hidden />}
            />
            <Group>
              <Button type="submit" loading={mutation.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
                {t('import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Stack mt="lg" maw={880} aria-live="polite">
        {mutation.isSuccess && (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title={t('import.doneTitle')} role="status">
            {t('import.doneMessage', {
              kind: t(`import.kinds.${mutation.data.kind}`),
              created: mutation.data.created,
              updated: mutation.data.updated,
              unchanged: mutation.data.unchanged ?? 0,
            })}
          </Alert>
        )}
        {invalid && <ImportErrorsTable error={invalid} />}
        {mutation.isError && !invalid && <ProblemAlert error={mutation.error} title={t('import.failedTitle')} />}
      </Stack>
    </>
  );
}
