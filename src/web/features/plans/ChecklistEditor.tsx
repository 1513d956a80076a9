import { ActionIcon, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useT } from '../../i18n/messages';
import type { PlanFormValues } from './planForm';

/** The plan's checklist: yes/no items and measurements (unit, min, max); add, remove, reorder. */
export function ChecklistEditor({ form, readOnly }: { form: UseFormReturnType<PlanFormValues>; readOnly: boolean }) {
  const t = useT();
  const rows = form.values.checklist;
  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('plans.checklist.none')}
        </Text>
      )}
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <Paper
            key={`${row.key}-${i}`}
            withBorder
            p="sm"
            component="fieldset"
            aria-label={t('plans.checklist.item', { n })}
            style={{ minWidth: 0 }}
          >
            <Stack gap="xs">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  label={t('plans.checklist.label', { n })}
                  required
                  flex={1}
                  miw={220}
                  {...form.getInputProps(`checklist.${i}.label`)}
                />
                <SegmentedControl
                  aria-label={t('plans.checklist.kind', { n })}
                  data={[
                    { value: 'yes_no', label: t('plans.checklist.kinds.yes_no') },
                    { value: 'measure', label: t('plans.checklist.kinds.measure') },
                  ]}
                  {...form.getInputProps(`checklist.${i}.kind`)}
                />
                {!readOnly && (
                  <Group gap={4}>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      disabled={i === 0}
                      aria-label={t('plans.checklist.up', { n })}
                      onClick={() => form.reorderListItem('checklist', { from: i, to: i - 1 })}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      disabled={i === rows.length - 1}
                      aria-label={t('plans.checklist.down', { n })}
                      onClick={() => form.reorderListItem('checklist', { from: i, to: i + 1 })}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      size="lg"
                      aria-label={t('plans.checklist.remove', { n })}
                      onClick={() => form.removeListItem('checklist', i)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              {row.kind === 'measure' && (
                <Group grow align="flex-start">
                  <TextInput
                    label={t('plans.checklist.unit', { n })}
                    required
                    placeholder="bar"
                    {...form.getInputProps(`checklist.${i}.unit`)}
                  />
                  <NumberInput label={t('plans.checklist.min', { n })} decimalScale={3} {...form.getInputProps(`checklist.${i}.min`)} />
                  <NumberInput label={t('plans.checklist.max', { n })} decimalScale={3} {...form.getInputProps(`checklist.${i}.max`)} />
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => form.insertListItem('checklist', { key: '', label: '', kind: 'yes_no', unit: '', min: '', max: '' })}
          >
            {t('plans.checklist.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
