import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useT } from '../i18n/messages';
import { parseActive, type ActiveFilter } from '../features/registry/useListParams';

/** Active / inactive / all, as a labelled radio group. */
export function ActiveFilterControl({ value, onChange }: { value: ActiveFilter; onChange: (value: ActiveFilter) => void }) {
  const t = useT();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        {t('list.status')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={(v) => onChange(parseActive(v))}
        data={[
          { value: 'true', label: t('list.activeOnly') },
          { value: 'false', label: t('list.inactiveOnly') },
          { value: 'all', label: t('list.all') },
        ]}
      />
    </Stack>
  );
}
