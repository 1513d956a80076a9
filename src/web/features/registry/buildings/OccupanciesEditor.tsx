import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { EntitySelect } from '../../../components/EntitySelect';
import { PercentInput } from '../../../components/inputs/PercentInput';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';
import { sumPercent } from '../../../lib/money';
import type { BuildingValues } from './values';

/** The departments occupying the building with their share of floor area; shares sum to 100. */
export function OccupanciesEditor({ form, readOnly }: { form: UseFormReturnType<BuildingValues>; readOnly: boolean }) {
  const t = useT();
  const format = useFormat();
  const rows = form.values.occupancies;
  const total = sumPercent(rows.map((r) => r.sharePercent));
  const complete = rows.length === 0 || total === 100;
  const listError = form.errors.occupancies;

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} aria-describedby="occupancies-hint">
      <Text component="legend" size="sm" fw={500} p={0}>
        {t('entities.buildings.fields.occupancies')}
      </Text>
      <Text id="occupancies-hint" size="xs" c="dimmed">
        {t('entities.buildings.occupanciesHint')}
      </Text>
      <Stack gap="xs" mt="xs">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('entities.buildings.noOccupancies')}
          </Text>
        )}
        {rows.map((_row, index) => (
          <Group key={form.key(`occupancies.${index}`)} align="flex-start" gap="xs" wrap="nowrap">
            <EntitySelect
              entity="departments"
              label={t('entities.buildings.occupancyDepartment', { n: index + 1 })}
              required
              style={{ flex: 1, minWidth: 0 }}
              {...form.getInputProps(`occupancies.${index}.departmentId`)}
            />
            <PercentInput
              label={t('entities.buildings.occupancyShare', { n: index + 1 })}
              required
              w={120}
              {...form.getInputProps(`occupancies.${index}.sharePercent`)}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={26}
                aria-label={t('entities.buildings.removeOccupancy', { n: index + 1 })}
                onClick={() => form.removeListItem('occupancies', index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        <Group justify="space-between" gap="sm">
          {!readOnly && (
            <Button
              variant="light"
              size="sm"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('occupancies', { departmentId: null, sharePercent: '' })}
            >
              {t('entities.buildings.addOccupancy')}
            </Button>
          )}
          {rows.length > 0 && (
            <Group gap={6} role="status" aria-live="polite">
              {complete ? (
                <IconCircleCheck size={18} color="var(--mantine-color-green-7)" aria-hidden />
              ) : (
                <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden />
              )}
              <Text size="sm" fw={600} c={complete ? 'green.8' : 'red.7'} className="tabular-nums">
                {complete
                  ? t('entities.buildings.occupancyTotalOk', { total: format.percent(total) })
                  : t('entities.buildings.occupancyTotalWrong', { total: format.percent(total) })}
              </Text>
            </Group>
          )}
        </Group>
        {listError && (
          <Text size="sm" c="red.6" role="alert">
            {listError}
          </Text>
        )}
      </Stack>
    </fieldset>
  );
}
