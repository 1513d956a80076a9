import { useState } from 'react';
import { Anchor, Badge, Box, Button, Card, Checkbox, Group, Select, TextInput, Title } from '@mantine/core';
import { IconFileInvoice, IconFilterOff } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { usePrepareStatement, useStatements, type Statement, type StatementState } from '../../api/statements';
import { canPrepareStatements } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { ListPage } from '../../components/list/ListPage';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { DurcBadge, StatementStatusBadge } from './StatementBadges';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const STATES: readonly StatementState[] = ['draft', 'approved'];
const money = { textAlign: 'right' as const, noWrap: true, cellsClassName: 'tabular-nums' };

/**
 * Monthly statements of the contracts (#10 item 4): newest month first, filtered by contract,
 * month and state (in the URL); accounting prepares the next one of a contract from here.
 */
export function StatementListPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const contractId = params.get('contractId') || undefined;
  const monthParam = params.get('period');
  const period = monthParam && MONTH.test(monthParam) ? monthParam : undefined;
  const statusParam = params.get('status');
  const status = STATES.find((s) => s === statusParam);
  const list = useStatements({ contractId, period, status });
  const title = t('statements.title');

  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = !!(contractId || period || status);

  const columns: DataTableColumn<Statement>[] = [
    {
      accessor: 'number',
      title: t('statements.number'),
      noWrap: true,
      render: (s) => (
        <Anchor component={Link} to={`/accounting/statements/${s.id}`} fw={600}>
          {t('statements.numberOf', { number: s.number, lot: s.contract.lot })}
        </Anchor>
      ),
    },
    { accessor: 'period', title: t('statements.period'), noWrap: true, render: (s) => format.month(s.period) },
    { accessor: 'contractor', title: t('workOrder.contractor'), render: (s) => s.contractor.name },
    {
      accessor: 'status',
      title: t('common.status'),
      render: (s) => (
        <Group gap={4} wrap="nowrap">
          <StatementStatusBadge status={s.status} />
          {s.final && <Badge variant="outline">{t('statements.final')}</Badge>}
        </Group>
      ),
    },
    { accessor: 'durc', title: t('statements.durc'), render: (s) => <DurcBadge durc={s.durc} /> },
    { accessor: 'net', title: t('statements.totals.netCents'), ...money, render: (s) => format.euro(s.totals.netCents) },
    { accessor: 'total', title: t('statements.totals.totalCents'), ...money, render: (s) => format.euro(s.totals.totalCents) },
  ];

  return (
    <ListPage<Statement>
      header={{ title, description: t('statements.description') }}
      label={title}
      filters={
        <>
          {canPrepareStatements(me) && <PrepareCard defaultContractId={contractId} />}
          <Card withBorder padding="sm" mb="md" component="search" aria-label={t('lists.filtersOf', { what: title })}>
            <Group gap="sm" align="flex-end">
              <EntitySelect
                entity="contracts"
                label={t('accounting.contract')}
                placeholder={t('statements.allContracts')}
                value={contractId ?? null}
                onChange={(v) => set('contractId', v)}
                w={320}
              />
              <TextInput
                type="month"
                label={t('statements.period')}
                value={period ?? ''}
                onChange={(e) => set('period', MONTH.test(e.currentTarget.value) ? e.currentTarget.value : null)}
                w={200}
              />
              <Select
                label={t('common.status')}
                placeholder={t('statements.allStates')}
                data={STATES.map((s) => ({ value: s, label: t(`statements.states.${s}`) }))}
                value={status ?? null}
                onChange={(v) => set('status', v)}
                clearable
                clearButtonProps={{ 'aria-label': t('common.clear') }}
                w={200}
              />
              {filtered && (
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} aria-hidden />}
                  onClick={() => setParams(new URLSearchParams(), { replace: true })}
                >
                  {t('list.clearFilters')}
                </Button>
              )}
            </Group>
          </Card>
        </>
      }
      list={list}
      columns={columns}
      filtered={filtered}
      onClearFilters={() => setParams(new URLSearchParams(), { replace: true })}
      empty={{ icon: <IconFileInvoice size={28} aria-hidden />, title: t('statements.empty'), description: t('statements.emptyHint') }}
    />
  );
}

/** Accounting prepares a contract's statement of a month (the next one in order). */
function PrepareCard({ defaultContractId }: { defaultContractId?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const prepare = usePrepareStatement();
  const [contractId, setContractId] = useState<string | null>(defaultContractId ?? null);
  const [period, setPeriod] = useState('');
  const [final, setFinal] = useState(false);
  const [touched, setTouched] = useState(false);
  const missingContract = !contractId;
  const missingPeriod = !MONTH.test(period);

  const submit = () => {
    setTouched(true);
    if (missingContract || missingPeriod) return;
    prepare.mutate(
      { contractId, period, final },
      {
        onSuccess: (s) => {
          notify(t('statements.prepared', { number: s.number, lot: s.contract.lot }));
          void navigate(`/accounting/statements/${s.id}`);
        },
      },
    );
  };

  return (
    <Card withBorder padding="md" mb="md" component="section" aria-labelledby="statement-prepare-title">
      <Title order={2} size="h4" id="statement-prepare-title" mb="xs">
        {t('statements.prepareTitle')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Group gap="sm" align="flex-start">
          <EntitySelect
            entity="contracts"
            label={t('accounting.contract')}
            withAsterisk
            value={contractId}
            onChange={setContractId}
            error={touched && missingContract ? t('form.required') : undefined}
            w={320}
          />
          <TextInput
            type="month"
            label={t('statements.period')}
            withAsterisk
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
            error={touched && missingPeriod ? t('form.required') : undefined}
            w={200}
          />
          <Checkbox
            mt={32}
            label={t('statements.finalLabel')}
            description={t('statements.finalHint')}
            checked={final}
            onChange={(e) => setFinal(e.currentTarget.checked)}
          />
          <Button type="submit" mt={25} loading={prepare.isPending} leftSection={<IconFileInvoice size={16} aria-hidden />}>
            {t('statements.prepare')}
          </Button>
        </Group>
        {prepare.error && (
          <Box mt="sm">
            <ProblemAlert error={prepare.error} />
          </Box>
        )}
      </form>
    </Card>
  );
}
