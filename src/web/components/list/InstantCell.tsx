import { Stack, Text } from '@mantine/core';
import { useFormat } from '../../i18n/format';

/** A table cell for an instant: the date and time, and how long ago under it. */
export function InstantCell({ value }: { value: string }) {
  const format = useFormat();
  return (
    <Stack gap={0}>
      <Text size="sm">{format.dateTime(value)}</Text>
      <Text size="xs" c="dimmed">
        {format.relative(value)}
      </Text>
    </Stack>
  );
}
