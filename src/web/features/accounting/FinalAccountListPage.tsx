import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, EmptyState, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconInbox } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link } from 'react-router';
import {
  useFinalAccountAction,
  useFinalAccounts,
  type FinalAccount,
  type FinalAccountAction,
  type FinalAccountState,
} from '../../api/final-accounts';
import { isVersionConflict } from '../../api/problem';
import { EntityTable } from '../../components/EntityTable';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

const money = { textAlign: 'right' as const, noWrap: true, cellsClassName: 'tabular-nums' };
const STATES: readonly FinalAccountState[] = ['submitted', 'needs_service_head', 'returned', 'approved', 'draft'];
/** The decisions this page offers; the contractor's submit lives with the work order. */
const DECISIONS: readonly FinalAccountAction[] = ['approve', 'return', 'approve_variance', 'return_variance'];

/**
 * Final accounts (#10 item 2): accounting's worklist (submitted first), each with its totals and
 * its variance from the approved quote; approve or return with a reason (the service head decides
 * the variances over the contract's threshold the same way).
 */
export function FinalAccountListPage() {
  const t = useT();
  const format = useFormat();
  const [state, setState] = useState<FinalAccountState>('submitted');
  const [open, setOpen] = useState<{ account: FinalAccount; action: FinalAccountAction } | null>(null);
  const list = useFinalAccounts(state);
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const title = t('finalAccounts.title');

  const columns: DataTableColumn<FinalAccount>[] = [
    {
      accessor: 'workOrder',
      title: t('workOrder.number'),
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/accounting/final-accounts/${r.id}`} fw={600}>
          {r.workOrder.number}
        </Anchor>
      ),
    },
    { accessor: 'building', title: t('ticket.building'), render: (r) => r.building.code },
    { accessor: 'contractor', title: t('workOrder.contractor'), render: (r) => r.contractor.name },
    { accessor: 'contract', title: t('accounting.contract'), noWrap: true, render: (r) => r.contract.lot },
    { accessor: 'basis', title: t('accounting.fee'), render: (r) => t(`finalAccounts.basis.${r.basis}`) },
    { accessor: 'netCents', title: t('finalAccounts.net'), ...money, render: (r) => format.euro(r.netCents) },
    { accessor: 'chargeableNetCents', title: t('finalAccounts.chargeable'), ...money, render: (r) => format.euro(r.chargeableNetCents) },
    {
      accessor: 'varianceCents',
      title: t('finalAccounts.variance'),
      ...money,
      render: (r) => (r.varianceCents === null ? '—' : `${format.euro(r.varianceCents)} (${format.number((r.varianceBp ?? 0) / 100)} %)`),
    },
    {
      accessor: 'actions',
      title: t('common.actions'),
      render: (r) => {
        const offered = r.availableActions.filter((a) => DECISIONS.includes(a));
        if (offered.length === 0) return <Badge variant="light">{t(`finalAccounts.states.${r.status}`)}</Badge>;
        return (
          <Group gap="xs" wrap="nowrap">
            {offered.map((a) => (
              <Button
                key={a}
                size="xs"
                variant={a.startsWith('approve') ? 'filled' : 'default'}
                leftSection={a.startsWith('approve') ? <IconCheck size={14} aria-hidden /> : <IconArrowBackUp size={14} aria-hidden />}
                aria-label={`${t(`finalAccounts.actions.${a}`)} ${r.workOrder.number}`}
                onClick={() => setOpen({ account: r, action: a })}
              >
                {t(`finalAccounts.actions.${a}`)}
              </Button>
            ))}
          </Group>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={title} description={t('finalAccounts.description')} />
      <SegmentedControl
        mb="md"
        aria-label={t('finalAccounts.stateFilter')}
        value={state}
        onChange={(v) => setState(v as FinalAccountState)}
        data={STATES.map((s) => ({ value: s, label: t(`finalAccounts.states.${s}`) }))}
      />
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<FinalAccount>
          label={title}
          records={records}
          columns={columns}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={
            <Card withBorder padding="xl">
              <EmptyState icon={<IconInbox size={28} aria-hidden />} title={t('finalAccounts.empty')} />
            </Card>
          }
        />
      )}
      {open && <DecisionDialog account={open.account} action={open.action} onClose={() => setOpen(null)} />}
    </>
  );
}

/** Approve, or return with a reason; shows what is being decided: totals, variance and its reason. */
export function DecisionDialog({ account, action, onClose }: { account: FinalAccount; action: FinalAccountAction; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const mutation = useFinalAccountAction();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const needsReason = action === 'return' || action === 'return_variance';
  const missing = needsReason && reason.trim() === '';

  const submit = () => {
    setTouched(true);
    if (missing) return;
    mutation.mutate(
      { account, action, reason: needsReason ? reason.trim() : undefined },
      {
        onSuccess: () => {
          notify(t(`finalAccounts.done.${action}`, { number: account.workOrder.number }));
          onClose();
        },
      },
    );
  };

  const rows: Array<[string, string]> = [
    [t('finalAccounts.approvedNet'), format.euro(account.approvedNetCents)],
    [t('finalAccounts.net'), format.euro(account.netCents)],
    [t('finalAccounts.vat'), format.euro(account.vatCents)],
    [t('finalAccounts.total'), format.euro(account.totalCents)],
    [t('finalAccounts.chargeable'), format.euro(account.chargeableNetCents)],
  ];
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${t(`finalAccounts.actions.${action}`)} — ${account.workOrder.number}`}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {account.contractor.name} · {account.contract.lot} · {account.building.code}
          </Text>
          <Table withTableBorder>
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{k}</Table.Th>
                  <Table.Td className="tabular-nums">{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {account.varianceReason && (
            <Text size="sm">
              <strong>{t('finalAccounts.varianceReason')}:</strong> {account.varianceReason}
            </Text>
          )}
          {needsReason && (
            <Textarea
              label={t('finalAccounts.reason')}
              withAsterisk
              aria-required
              autosize
              minRows={3}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={touched && missing ? t('form.required') : undefined}
              data-autofocus
            />
          )}
          {mutation.error &&
            (isVersionConflict(mutation.error) ? <VersionConflictAlert onReload={onClose} /> : <ProblemAlert error={mutation.error} />)}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} color={needsReason ? 'red' : undefined}>
              {t(`finalAccounts.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
