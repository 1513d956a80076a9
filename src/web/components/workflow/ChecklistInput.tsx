import { Fieldset, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { useFormat, useNumberSeparators } from '../../i18n/format';
import { useT } from '../../i18n/messages';

export interface ChecklistItem {
  key: string;
  label: string;
  kind: 'yes_no' | 'measure';
  unit?: string;
  min?: number;
  max?: number;
}
export interface ChecklistAnswer {
  key: string;
  ok?: boolean;
  value?: number;
}

/** Items not answered yet (a yes/no without its answer, a measurement without its value). */
export const unanswered = (items: readonly ChecklistItem[], answers: readonly ChecklistAnswer[]) =>
  items.filter((i) => {
    const a = answers.find((x) => x.key === i.key);
    return i.kind === 'yes_no' ? a?.ok === undefined : a?.value === undefined;
  });

/** The plan's checklist at completion (#8): yes/no per item, a value per measurement with its range. */
export function ChecklistInput({ label, items, value, error, onChange }: {
  label: string;
  items: readonly ChecklistItem[];
  value: readonly ChecklistAnswer[];
  error?: string;
  onChange: (answers: ChecklistAnswer[]) => void;
}) {
  const t = useT();
  const format = useFormat();
  const separators = useNumberSeparators();
  const set = (key: string, patch: Partial<ChecklistAnswer>) => {
    const rest = value.filter((a) => a.key !== key);
    const current = value.find((a) => a.key === key) ?? { key };
    onChange([...rest, { ...current, ...patch }]);
  };
  return (
    <Fieldset legend={label} variant="unstyled" p={0} m={0} style={{ border: 0, minWidth: 0 }}>
      <Stack gap="sm">
        {items.map((item) => {
          const answer = value.find((a) => a.key === item.key);
          if (item.kind === 'yes_no') {
            return (
              <Radio.Group
                key={item.key}
                label={item.label}
                withAsterisk
                value={answer?.ok === undefined ? '' : answer.ok ? 'yes' : 'no'}
                onChange={(v) => set(item.key, { ok: v === 'yes' })}
              >
                <Group gap="md" mt={4}>
                  <Radio value="yes" label={t('common.yes')} />
                  <Radio value="no" label={t('common.no')} />
                </Group>
              </Radio.Group>
            );
          }
          const range = item.min !== undefined || item.max !== undefined
            ? t('planned.checklist.range', { min: format.number(item.min ?? null), max: format.number(item.max ?? null), unit: item.unit ?? '' })
            : undefined;
          const out = answer?.value !== undefined && ((item.min !== undefined && answer.value < item.min) || (item.max !== undefined && answer.value > item.max));
          return (
            <NumberInput
              key={item.key}
              label={item.unit ? `${item.label} (${item.unit})` : item.label}
              description={range}
              withAsterisk
              value={answer?.value ?? ''}
              onChange={(v) => set(item.key, { value: v === '' ? undefined : Number(v) })}
              decimalSeparator={separators.decimalSeparator}
              thousandSeparator={false}
              inputMode="decimal"
              maw={260}
              error={out ? t('planned.checklist.outOfRange') : undefined}
            />
          );
        })}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
