import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useClassRules, useDocumentTypes, useSaveClassRules } from '../../../api/as-built';
import { isVersionConflict } from '../../../api/problem';
import type { TechnologyClass } from '../../../api/types';
import { notify } from '../../../components/notify';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { VersionConflictAlert } from '../../../components/VersionConflictAlert';
import { useT } from '../../../i18n/messages';

type Choice = 'none' | 'always' | 'installation_work';
const CHOICES: readonly Choice[] = ['none', 'always', 'installation_work'];

/**
 * #10 item 1: the closing documents a class's work orders carry besides the DM 37/2008
 * declaration (which the class's letter already implies): always, or on installation work only
 * (extra-fee work or work that changes the installation). Saved whole (PUT), with the class's version.
 */
export function RequiredDocuments({
  item,
  readOnly,
  onVersion,
}: {
  item: TechnologyClass;
  readOnly: boolean;
  onVersion: (version: number) => void;
}) {
  const t = useT();
  const { i18n } = useTranslation();
  const types = useDocumentTypes();
  const rules = useClassRules(item.id);
  const save = useSaveClassRules(item.id);
  // What the admin changed, over what is stored.
  const [edits, setEdits] = useState<Record<string, Choice>>({});
  const stored: Record<string, Choice> = Object.fromEntries((rules.data?.items ?? []).map((r) => [r.documentType, r.requiredWhen]));
  const choices: Record<string, Choice> = { ...stored, ...edits };

  const shown = (types.data?.items ?? []).filter((d) => d.code !== 'conformity_declaration');
  const submit = () => {
    if (!rules.data) return;
    const items = shown
      .filter((d) => (choices[d.code] ?? 'none') !== 'none')
      .map((d) => ({ documentType: d.code, requiredWhen: choices[d.code] as Exclude<Choice, 'none'> }));
    save.mutate(
      { version: rules.data.version, items },
      {
        onSuccess: (saved) => {
          onVersion(saved.version);
          setEdits({});
          notify(t('entities.technologyClasses.documents.saved'));
        },
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={880} mt="lg" component="section" aria-labelledby="class-documents-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4" id="class-documents-title">
            {t('entities.technologyClasses.documents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('entities.technologyClasses.documents.hint')}
          </Text>
          {(types.error || rules.error) && <ProblemAlert error={types.error ?? rules.error} />}
          <Table withTableBorder aria-labelledby="class-documents-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('entities.technologyClasses.documents.document')}</Table.Th>
                <Table.Th scope="col">{t('entities.technologyClasses.documents.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((d) => {
                const name = i18n.language === 'en' ? d.nameEn : d.nameIt;
                return (
                  <Table.Tr key={d.code}>
                    <Table.Th scope="row" fw={400}>
                      {name}
                    </Table.Th>
                    <Table.Td>
                      <Select
                        aria-label={t('entities.technologyClasses.documents.whenFor', { name })}
                        data={CHOICES.map((c) => ({ value: c, label: t(`entities.technologyClasses.documents.choice.${c}`) }))}
                        value={choices[d.code] ?? 'none'}
                        onChange={(v) => v && setEdits((cs) => ({ ...cs, [d.code]: v as Choice }))}
                        allowDeselect={false}
                        disabled={readOnly}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {save.error &&
            (isVersionConflict(save.error) ? (
              <VersionConflictAlert
                onReload={() => {
                  save.reset();
                  void rules.refetch();
                }}
              />
            ) : (
              <ProblemAlert error={save.error} />
            ))}
          {!readOnly && (
            <Group>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={!rules.data}
                leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              >
                {t('entities.technologyClasses.documents.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
