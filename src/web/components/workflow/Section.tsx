import { useId, type ReactNode } from 'react';
import { Card, Group, Stack, Text, Title } from '@mantine/core';

/** A titled part of a ticket or work-order page (a region named by its heading). */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** Label–value pairs as a description list, two columns from tablet width up. */
export function Details({ items }: { items: Array<{ label: string; value: ReactNode } | null | undefined | false | ''> }) {
  const shown = items.filter((i): i is { label: string; value: ReactNode } => !!i);
  return (
    <dl className="details-list">
      {shown.map((i) => (
        <div key={i.label} className="details-item">
          <Text component="dt" size="sm" c="dimmed">
            {i.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {i.value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
