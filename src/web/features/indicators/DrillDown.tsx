import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { kpiFileUrl, useKpiWorkOrders, type KpiDrill, type KpiFilter } from '../../api/kpi';
import { XlsxLink } from './XlsxLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { priorityLabel, workOrderStatusLabel } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

export const PAGE_SIZE = 25;

/** The work orders behind one figure (its failing ones, or its whole basis), a page at a time. */
export function DrillDown({
  filter,
  drill,
  figureLabel,
  onPage,
}: {
  filter: KpiFilter;
  drill: KpiDrill;
  figureLabel: string;
  onPage: (offset: number) => void;
}) {
  const t = useT();
  const format = useFormat();
  const list = useKpiWorkOrders(filter, drill);
  const heading = t(`indicators.drill.${drill.set}`, { figure: figureLabel });
  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  const first = total === 0 ? 0 : drill.offset + 1;
  const last = Math.min(total, drill.offset + items.length);
  return (
    <Stack gap="sm" component="section" aria-label={heading} id="kpi-drill">
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h3">
          {heading}
        </Title>
        <XlsxLink
          href={kpiFileUrl('work-orders', filter, 'xlsx', { figure: drill.figure, set: drill.set })}
          label={t('indicators.exportDrill', { title: heading })}
        />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.data && total === 0 ? (
        <Text size="sm">{t('indicators.drillEmpty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.data ? t('indicators.drillCount', { first, last, total }) : t('common.loadingShort')}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped withTableBorder aria-label={heading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('indicators.columns.number')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.priority')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.building')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.class')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.contract')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.columns.issuedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/work-orders/${w.id}`} fw={600}>
                        {w.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{workOrderStatusLabel(t, w.status)}</Table.Td>
                    <Table.Td>{priorityLabel(t, w.priority)}</Table.Td>
                    <Table.Td>{w.building.code}</Table.Td>
                    <Table.Td>{w.technologyClass.code}</Table.Td>
                    <Table.Td>{w.contract.lot}</Table.Td>
                    <Table.Td>{format.dateTime(w.issuedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {total > PAGE_SIZE && (
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                disabled={drill.offset === 0}
                onClick={() => onPage(Math.max(0, drill.offset - PAGE_SIZE))}
              >
                {t('indicators.previous')}
              </Button>
              <Button variant="default" size="xs" disabled={last >= total} onClick={() => onPage(drill.offset + PAGE_SIZE)}>
                {t('indicators.next')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
