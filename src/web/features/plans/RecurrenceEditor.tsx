import { Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { WEEKDAYS } from '../../../domain/planned/rule-presets';
import { useT } from '../../i18n/messages';
import type { PlanFormValues } from './planForm';

export const PRESET_KINDS = ['every_n_months', 'nth_weekday', 'last_working_day', 'yearly_in_season', 'advanced'] as const;

/** The friendly recurrence editor: a preset and its few numbers, or a free RRULE. */
export function RecurrenceEditor({ form }: { form: UseFormReturnType<PlanFormValues> }) {
  const t = useT();
  const kind = form.values.presetKind;
  return (
    <Stack gap="sm">
      <Select
        label={t('plans.recurrence.preset')}
        required
        allowDeselect={false}
        data={PRESET_KINDS.map((k) => ({ value: k, label: t(`plans.recurrence.presets.${k}`) }))}
        {...form.getInputProps('presetKind')}
      />
      {kind === 'every_n_months' && (
        <NumberInput
          label={t('plans.recurrence.months')}
          description={t('plans.recurrence.monthsHint')}
          required
          min={1}
          max={120}
          allowDecimal={false}
          {...form.getInputProps('months')}
        />
      )}
      {kind === 'nth_weekday' && (
        <Group grow align="flex-start">
          <Select
            label={t('plans.recurrence.nth')}
            required
            allowDeselect={false}
            data={['1', '2', '3', '4', '-1'].map((n) => ({
              value: n,
              label: t(`plans.recurrence.nthValues.${n === '-1' ? 'last' : n}` as 'plans.recurrence.nthValues.1'),
            }))}
            {...form.getInputProps('nth')}
          />
          <Select
            label={t('plans.recurrence.weekday')}
            required
            allowDeselect={false}
            data={WEEKDAYS.map((d) => ({ value: d, label: t(`plans.recurrence.weekdays.${d}`) }))}
            {...form.getInputProps('weekday')}
          />
          <Select
            label={t('plans.recurrence.period')}
            required
            allowDeselect={false}
            data={[
              { value: 'month', label: t('plans.recurrence.periods.month') },
              { value: 'quarter', label: t('plans.recurrence.periods.quarter') },
            ]}
            {...form.getInputProps('period')}
          />
        </Group>
      )}
      {kind === 'yearly_in_season' && (
        <Group grow align="flex-start">
          <NumberInput
            label={t('plans.recurrence.years')}
            required
            min={1}
            max={10}
            allowDecimal={false}
            {...form.getInputProps('years')}
          />
          <TextInput
            label={t('plans.fields.seasonFrom')}
            description={t('plans.recurrence.mmddHint')}
            required
            placeholder="10-15"
            {...form.getInputProps('seasonFrom')}
          />
          <TextInput
            label={t('plans.fields.seasonTo')}
            description={t('plans.recurrence.mmddHint')}
            required
            placeholder="04-15"
            {...form.getInputProps('seasonTo')}
          />
        </Group>
      )}
      {kind === 'advanced' && (
        <TextInput
          label={t('plans.recurrence.rrule')}
          description={t('plans.recurrence.rruleHint')}
          required
          ff="monospace"
          placeholder="FREQ=MONTHLY;INTERVAL=6"
          {...form.getInputProps('advanced')}
        />
      )}
    </Stack>
  );
}
