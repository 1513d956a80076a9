import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconReceipt } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link, useSearchParams } from 'react-router';
import { INVOICE_STATES, useInvoices, type Invoice, type InvoiceFilters } from '../../../api/invoices';
import { useMe } from '../../../api/me';
import { hasRole } from '../../../app/permissions';
import { EntitySelect } from '../../../components/EntitySelect';
import { ListPage } from '../../../components/list/ListPage';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';
import { InvoiceStatusBadge, MatchBadge } from './badges';
import { RegisterInvoiceButton } from './RegisterInvoiceButton';

const money = { textAlign: 'right' as const, noWrap: true, cellsClassName: 'tabular-nums' };

/**
 * The contractors' invoices (#10 item 5), newest first: state, contract, number, date, total and
 * whether they match their statement; the filters live in the URL. Accounting registers new ones.
 */
export function InvoiceListPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters: InvoiceFilters = {
    status: params.get('status') || undefined,
    contractId: params.get('contractId') || undefined,
    statementId: params.get('statementId') || undefined,
  };
  const list = useInvoices(filters);
  const filtered = !!(filters.status || filters.contractId || filters.statementId);
  const mayRegister = hasRole(me, 'accounting', 'admin');
  const title = t('invoices.title');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });

  const columns: DataTableColumn<Invoice>[] = [
    {
      accessor: 'number',
      title: t('invoices.fields.number'),
      noWrap: true,
      render: (r) => (
        <Anchor component={Link} to={`/accounting/invoices/${r.id}`} fw={600}>
          {r.number}
        </Anchor>
      ),
    },
    { accessor: 'status', title: t('common.status'), render: (r) => <InvoiceStatusBadge status={r.status} /> },
    {
      accessor: 'contract',
      title: t('invoices.contract'),
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm">{r.contract.lot}</Text>
          <Text size="xs" c="dimmed">
            {r.contractor.name}
          </Text>
        </Stack>
      ),
    },
    {
      accessor: 'statement',
      title: t('invoices.statement'),
      render: (r) => t('invoices.statementLabel', { number: r.statement.number, month: format.month(r.statement.period) }),
    },
    { accessor: 'issueDate', title: t('invoices.fields.issueDate'), noWrap: true, render: (r) => format.date(r.issueDate) },
    { accessor: 'totalCents', title: t('invoices.fields.totalCents'), ...money, render: (r) => format.euro(r.totalCents) },
    { accessor: 'matched', title: t('invoices.match'), render: (r) => <MatchBadge invoice={r} /> },
  ];

  return (
    <ListPage<Invoice>
      header={{ title, description: t('invoices.description'), actions: mayRegister ? <RegisterInvoiceButton /> : undefined }}
      label={title}
      filters={
        <Group component="search" aria-label={t('lists.filtersOf', { what: title })} gap="sm" align="flex-end" mb="md">
          <Select
            label={t('common.status')}
            placeholder={t('invoices.allStates')}
            data={INVOICE_STATES.map((s) => ({ value: s, label: t(`invoices.states.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            w={200}
          />
          <EntitySelect
            entity="contracts"
            label={t('invoices.contract')}
            placeholder={t('invoices.allContracts')}
            value={filters.contractId ?? null}
            onChange={(v) => set('contractId', v)}
            w={320}
          />
          {filters.statementId && (
            <Badge variant="light" size="lg">
              {t('invoices.oneStatement')}
            </Badge>
          )}
          {filtered && (
            <Button variant="default" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={clear}>
              {t('list.clearFilters')}
            </Button>
          )}
        </Group>
      }
      list={list}
      columns={columns}
      filtered={filtered}
      onClearFilters={clear}
      empty={{ icon: <IconReceipt size={28} aria-hidden />, title: t('invoices.empty'), description: t('invoices.emptyHint') }}
    />
  );
}
