// The checklist of a planned work order's completion: one answer per item of the plan's snapshot —
// yes/no as a radio pair, measurements as a number with their unit and allowed range shown, and a
// value outside the range flagged inline before submitting (it is allowed: it offers a follow-up).
import { Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ChecklistItem } from '../../api/workflow';
import { useNumberSeparators } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** What the form holds per item key. */
export type ChecklistAnswers = Record<string, { ok?: boolean; value?: number | string }>;

export const isOutOfRange = (item: ChecklistItem, value: unknown): boolean =>
  item.kind === 'measure' &&
  typeof value === 'number' &&
  ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max));

/** Keys of the items still unanswered. */
export function unanswered(items: readonly ChecklistItem[], answers: ChecklistAnswers | undefined): string[] {
  return items
    .filter((i) => {
      const a = answers?.[i.key];
      return i.kind === 'yes_no' ? typeof a?.ok !== 'boolean' : typeof a?.value !== 'number';
    })
    .map((i) => i.key);
}

/** The answers as the API takes them. */
export const toResults = (items: readonly ChecklistItem[], answers: ChecklistAnswers) =>
  items.map((i) => (i.kind === 'yes_no' ? { key: i.key, ok: answers[i.key]?.ok } : { key: i.key, value: answers[i.key]?.value as number }));

export function ChecklistField({
  items,
  value,
  onChange,
  error,
}: {
  items: readonly ChecklistItem[];
  value: ChecklistAnswers | undefined;
  onChange: (v: ChecklistAnswers) => void;
  error?: string;
}) {
  const t = useT();
  const separators = useNumberSeparators();
  const answers = value ?? {};
  const set = (key: string, a: { ok?: boolean; value?: number | string }) => onChange({ ...answers, [key]: a });
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {t('planned.checklist')}
      </Text>
      {items.map((item) => {
        const a = answers[item.key];
        const missing = !!error && (item.kind === 'yes_no' ? typeof a?.ok !== 'boolean' : typeof a?.value !== 'number');
        if (item.kind === 'yes_no') {
          return (
            <Radio.Group
              key={item.key}
              label={item.label}
              required
              value={a?.ok === undefined ? '' : a.ok ? 'yes' : 'no'}
              onChange={(v) => set(item.key, { ok: v === 'yes' })}
              error={missing ? t('form.required') : undefined}
            >
              <Group gap="md" mt={6}>
                <Radio value="yes" label={t('planned.yes')} />
                <Radio value="no" label={t('planned.no')} />
              </Group>
            </Radio.Group>
          );
        }
        const out = isOutOfRange(item, a?.value);
        const range =
          item.min !== undefined || item.max !== undefined
            ? t('planned.range', { min: item.min ?? '–', max: item.max ?? '–', unit: item.unit ?? '' })
            : undefined;
        return (
          <Stack key={item.key} gap={4}>
            <NumberInput
              label={item.unit ? `${item.label} (${item.unit})` : item.label}
              description={range}
              required
              value={a?.value ?? ''}
              onChange={(v) => set(item.key, { value: typeof v === 'number' ? v : v === '' ? undefined : Number(v) })}
              decimalSeparator={separators.decimalSeparator}
              thousandSeparator={false}
              inputMode="decimal"
              maw={260}
              error={missing ? t('form.required') : undefined}
            />
            {out && (
              <Text size="sm" c="orange.9" role="status">
                <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
                {t('planned.outOfRange')}
              </Text>
            )}
          </Stack>
        );
      })}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
