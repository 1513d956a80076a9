import { Alert, Anchor, Button, Card, EmptyState, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf, IconInbox, IconListSearch, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import {
  drillFilter,
  reportFileUrl,
  useAllocationReport,
  useAllocations,
  type GroupBy,
  type ReportQuery,
  type ReportRow,
} from '../../api/allocations';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const GROUPS: readonly GroupBy[] = ['department', 'building', 'class', 'period'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CENTRAL = 'central';

/**
 * Cost allocation (#10 item 3, "Ripartizione oneri"): the approved final accounts' cost per
 * department (the central budget first), building, technology class or month, with totals to the
 * cent; a row opens the work orders behind it. Filters live in the URL, so a figure can be shared.
 */
export function AllocationsPage() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const groupBy = (GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as GroupBy) : 'department';
  const month = (k: string) => (MONTH.test(params.get(k) ?? '') ? params.get(k)! : undefined);
  const query: ReportQuery = { groupBy, from: month('from'), to: month('to'), contractId: params.get('contractId') || undefined };
  const detail = params.get('detail');
  const report = useAllocationReport(query);
  const title = t('allocations.title');

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const rows = report.data?.rows ?? [];
  const detailRow = detail === null ? null : (rows.find((r) => (r.key ?? CENTRAL) === detail) ?? null);

  return (
    <>
      <PageHeader
        title={title}
        description={t('allocations.description')}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={reportFileUrl(query, 'xlsx')}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {t('allocations.exportXlsx')}
            </Button>
            <Button
              component="a"
              href={reportFileUrl(query, 'pdf')}
              download
              variant="default"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
            >
              {t('allocations.exportPdf')}
            </Button>
          </Group>
        }
      />
      <Group align="flex-end" gap="md" mb="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="allocations-group-label">
            {t('allocations.groupBy')}
          </Text>
          <SegmentedControl
            aria-labelledby="allocations-group-label"
            value={groupBy}
            onChange={(v) => set({ groupBy: v, detail: null })}
            data={GROUPS.map((g) => ({ value: g, label: t(`allocations.groups.${g}`) }))}
          />
        </Stack>
        <TextInput
          type="month"
          label={t('allocations.from')}
          value={query.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value, detail: null })}
        />
        <TextInput
          type="month"
          label={t('allocations.to')}
          value={query.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value, detail: null })}
        />
        <EntitySelect
          entity="contracts"
          label={t('allocations.contract')}
          placeholder={t('allocations.allContracts')}
          value={query.contractId ?? null}
          onChange={(v) => set({ contractId: v, detail: null })}
          w={320}
        />
      </Group>
      {report.data && report.data.unallocated > 0 && <Unallocated count={report.data.unallocated} />}
      {report.isError ? (
        <ProblemAlert error={report.error} />
      ) : rows.length === 0 && !report.isFetching ? (
        <Card withBorder padding="xl">
          <EmptyState icon={<IconInbox size={28} aria-hidden />} title={t('allocations.empty')} description={t('allocations.emptyHint')} />
        </Card>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`allocations.groups.${groupBy}`)}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.finalAccounts')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.net')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.vat')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.amount')}
                </Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key ?? CENTRAL}>
                  <Table.Th scope="row" fw={r.key === null ? 600 : 400}>
                    {r.label}
                  </Table.Th>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.integer(r.finalAccounts)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(r.netCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(r.vatCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums" fw={600}>
                    {format.euro(r.amountCents)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={detail === (r.key ?? CENTRAL) ? 'filled' : 'default'}
                      leftSection={<IconListSearch size={14} aria-hidden />}
                      aria-label={t('allocations.detailOf', { label: r.label })}
                      aria-pressed={detail === (r.key ?? CENTRAL)}
                      onClick={() => set({ detail: r.key ?? CENTRAL })}
                    >
                      {t('allocations.detail')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {report.data && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('allocations.total')}</Table.Th>
                  <Table.Th ta="right" className="tabular-nums">
                    {format.integer(report.data.totals.finalAccounts)}
                  </Table.Th>
                  <Table.Th ta="right" className="tabular-nums">
                    {format.euro(report.data.totals.netCents)}
                  </Table.Th>
                  <Table.Th ta="right" className="tabular-nums">
                    {format.euro(report.data.totals.vatCents)}
                  </Table.Th>
                  <Table.Th ta="right" className="tabular-nums">
                    {format.euro(report.data.totals.amountCents)}
                  </Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
      {detailRow && <Detail query={query} row={detailRow} />}
    </>
  );
}

/** The allocations behind one figure, each with its work order. */
function Detail({ query, row }: { query: ReportQuery; row: ReportRow }) {
  const t = useT();
  const format = useFormat();
  const list = useAllocations(drillFilter(query, row.key));
  const items = list.data?.items ?? [];
  const heading = t('allocations.detailTitle', { label: row.label });
  return (
    <Stack gap="sm" mt="xl" component="section" aria-label={heading}>
      <Title order={2} size="h3">
        {heading}
      </Title>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder aria-label={heading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('allocations.workOrder')}</Table.Th>
                <Table.Th scope="col">{t('allocations.groups.department')}</Table.Th>
                <Table.Th scope="col">{t('allocations.groups.building')}</Table.Th>
                <Table.Th scope="col">{t('allocations.groups.class')}</Table.Th>
                <Table.Th scope="col">{t('allocations.groups.period')}</Table.Th>
                <Table.Th scope="col">{t('allocations.rule')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.share')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('allocations.amount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/work-orders/${a.workOrder.id}`} fw={600}>
                      {a.workOrder.number}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {a.workOrder.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.payer}</Table.Td>
                  <Table.Td>{a.building.code}</Table.Td>
                  <Table.Td>{a.technologyClass.code}</Table.Td>
                  <Table.Td>{format.month(a.period)}</Table.Td>
                  <Table.Td>{t(`allocations.methods.${a.method as 'none'}`)}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.percent(a.shareBp / 100)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(a.amountCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {list.data && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={7}>
                    {t('allocations.total')}
                  </Table.Th>
                  <Table.Th ta="right" className="tabular-nums">
                    {format.euro(list.data.totals.amountCents)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Approved final accounts with a cost and no allocation: accounting (or the admin) allocates them now. */
function Unallocated({ count }: { count: number }) {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<{ allocated: number; problems: Array<{ message: string }> }>('/api/allocations/recompute', {}),
    onSuccess: (r) => {
      notify(t('allocations.recomputed', { count: r.allocated }));
      void qc.invalidateQueries({ queryKey: ['allocations'] });
    },
  });
  const may = hasRole(me.data, 'accounting', 'admin');
  return (
    <Alert color="yellow" mb="md" title={t('allocations.unallocated', { count })}>
      <Stack gap="xs">
        <Text size="sm">{t('allocations.unallocatedHint')}</Text>
        {run.data?.problems.map((p) => (
          <Text size="sm" key={p.message}>
            {p.message}
          </Text>
        ))}
        {run.error && <ProblemAlert error={run.error} />}
        {may && (
          <Group>
            <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} loading={run.isPending} onClick={() => run.mutate()}>
              {t('allocations.recompute')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
