import { useState } from 'react';
import { Fieldset, Group, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useT } from '../../i18n/messages';
import { DateField } from './DateField';
// Its CSS comes with the first date field, not with the login page (#12).
import '@mantine/dates/styles.layer.css';

interface InstantFieldProps {
  label: string;
  description?: string;
  required?: boolean;
  /** ISO-8601 instant (UTC), or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | null;
}

function split(iso: string | null): { date: string | null; time: string } {
  if (!iso) return { date: null, time: '' };
  const d = dayjs(iso);
  return d.isValid() ? { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') } : { date: null, time: '' };
}

/**
 * A moment in local time: a day (typed DD/MM/YYYY or picked) and a time (HH:MM), given to the
 * API as an ISO instant. Both parts are needed; until then the value is null.
 */
export function InstantField({ label, description, required, value, onChange, error }: InstantFieldProps) {
  const t = useT();
  const [parts, setParts] = useState(() => split(value));
  const update = (next: { date: string | null; time: string }) => {
    setParts(next);
    if (next.date && /^\d{2}:\d{2}$/.test(next.time)) {
      const d = dayjs(`${next.date}T${next.time}:00`);
      onChange(d.isValid() ? d.toISOString() : null);
    } else onChange(null);
  };
  return (
    <Fieldset
      variant="unstyled"
      p={0}
      m={0}
      style={{ border: 0, minWidth: 0 }}
      legend={
        <Text size="sm" fw={500} component="span">
          {label}
          {required && (
            <Text span c="red.6" aria-hidden>
              {' '}
              *
            </Text>
          )}
        </Text>
      }
    >
      {description && (
        <Text size="xs" c="dimmed" mb={4}>
          {description}
        </Text>
      )}
      <Group gap="sm" align="flex-start" wrap="wrap">
        <DateField
          label={t('fields.day')}
          required={required}
          value={parts.date}
          onChange={(date) => update({ ...parts, date })}
          error={error && !parts.date ? error : undefined}
          miw={170}
          popoverProps={{ withinPortal: true }}
        />
        <TimeInput
          label={t('fields.time')}
          required={required}
          value={parts.time}
          onChange={(e) => update({ ...parts, time: e.currentTarget.value })}
          error={error && parts.date ? error : undefined}
          miw={120}
        />
      </Group>
    </Fieldset>
  );
}
