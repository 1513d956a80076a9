import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { QueryParams } from '../../api/client';
import { useAmountList, type AmountListItem } from '../../api/accounting';
import { StatusBadge } from '../../components/workflow/StatusBadge';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { Shell } from '../home/QueueSection';
import { FeeBadge, quoteStatusText } from './FeeBadge';

const SHOWN = 8;

/** A home card of accounting: work orders of a list with their money; its count is the list's. */
export function AmountQueue({ title, params, link, emptyText }: { title: string; params: QueryParams; link: string; emptyText: string }) {
  const t = useT();
  const format = useFormat();
  const list = useAmountList(params, SHOWN);
  const first = list.data?.pages[0];
  const items: AmountListItem[] = first?.items ?? [];
  return (
    <Shell
      title={title}
      count={first?.count}
      capped={first?.countCapped}
      link={link}
      loading={list.isPending}
      error={list.error}
      emptyText={emptyText}
      isEmpty={items.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => {
          const a = r.amounts;
          const money = [
            a.quoteTotalCents !== null ? `${t('accounting.quoteTotal')} ${format.euro(a.quoteTotalCents)}` : quoteStatusText(t, a),
            a.authorizedCents !== null ? `${t('accounting.authorized')} ${format.euro(a.authorizedCents)}` : null,
          ]
            .filter(Boolean)
            .join(' · ');
          return (
            <li key={r.id} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}>
              <Stack gap={4}>
                <Group gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/work-orders/${r.id}`} fw={700}>
                    {r.number}
                  </Anchor>
                  <StatusBadge kind="workOrder" status={r.status} outcome={r.outcome} size="sm" />
                  <FeeBadge amounts={a} />
                </Group>
                <Text size="sm" lineClamp={2}>
                  {r.description}
                </Text>
                <Text size="sm" fw={600} className="tabular-nums">
                  {money}
                </Text>
                <Text size="xs" c="dimmed">
                  {[r.building.code, r.contractor.name, r.contract.lot].join(' · ')}
                </Text>
              </Stack>
            </li>
          );
        })}
      </Stack>
    </Shell>
  );
}
