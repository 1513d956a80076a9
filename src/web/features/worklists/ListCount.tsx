import { Text } from '@mantine/core';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** "12 risultati" (or "10.000+ risultati" past the server's cap), announced when it changes. */
export function ListCount({ count, capped }: { count: number | undefined; capped: boolean | undefined }) {
  const t = useT();
  const format = useFormat();
  if (count === undefined) return null;
  return (
    <Text size="sm" fw={600} role="status" aria-live="polite" className="tabular-nums">
      {capped ? t('lists.countCapped', { formatted: format.number(count) }) : t('lists.count', { count, formatted: format.number(count) })}
    </Text>
  );
}
