import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePrograms } from '../../api/planned';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { Shell } from '../home/QueueSection';
import { ProgramStatusBadge } from './labels';

/** A home queue of programs: the BM's "Programmi da approvare", the contractor's month to prepare. */
export function ProgramQueue({ title, status, link, emptyText }: { title: string; status: string[]; link: string; emptyText: string }) {
  const t = useT();
  const format = useFormat();
  // The list filters one state at a time: one state is asked of the server, several are picked here.
  const list = usePrograms(status.length === 1 ? { status: status[0] } : {});
  const items = (list.data?.items ?? []).filter((p) => status.includes(p.status));
  return (
    <Shell
      title={title}
      count={list.data ? items.length : undefined}
      link={link}
      loading={list.isPending}
      error={list.error}
      emptyText={emptyText}
      isEmpty={items.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.slice(0, 8).map((p) => (
          <li key={p.id} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}>
            <Group gap="xs">
              <Anchor component={Link} to={`/programs/${p.id}`} fw={700}>
                {t('planned.program.title', { month: format.month(p.month) })}
              </Anchor>
              <ProgramStatusBadge status={p.status} t={t} size="sm" />
            </Group>
            <Text size="xs" c="dimmed">
              {p.lot} · {p.contractTitle} · {p.contractorName}
            </Text>
          </li>
        ))}
      </Stack>
    </Shell>
  );
}
