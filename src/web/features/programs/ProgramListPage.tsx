import { useState } from 'react';
import { Anchor, Button, Card, Group, Loader, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarPlus, IconFilterOff } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { generateProgram, PROGRAM_STATES, usePlannedInvalidate, usePrograms } from '../../api/planned';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { MONTH, ProgramStatusBadge, programStatusLabel, romeMonth } from './labels';

/** The monthly programs in the caller's scope; the filters (contract, month, status) live in the URL. */
export function ProgramListPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const contractId = params.get('contractId') || undefined;
  const monthParam = params.get('month');
  const month = monthParam && MONTH.test(monthParam) ? monthParam : undefined;
  const status = params.get('status') || undefined;
  const list = usePrograms({ contractId, month, status });
  const items = list.data?.items ?? [];
  const mayGenerate = hasRole(me, 'contractor', 'building_manager', 'service_head');

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = !!(contractId || month || status);

  return (
    <>
      <PageHeader title={t('planned.programs.title')} description={t('planned.programs.description')} />
      {mayGenerate && <GenerateCard defaultContractId={contractId} defaultMonth={month} />}
      <Card withBorder padding="sm" mb="md" component="section" aria-label={t('lists.filtersOf', { what: t('planned.programs.title') })}>
        <Group gap="sm" align="flex-end">
          <EntitySelect
            entity="contracts"
            label={t('planned.fields.contract')}
            placeholder={t('planned.programs.allContracts')}
            value={contractId ?? null}
            onChange={(v) => set('contractId', v)}
            w={320}
          />
          <TextInput
            type="month"
            label={t('planned.fields.month')}
            value={month ?? ''}
            onChange={(e) => set('month', MONTH.test(e.currentTarget.value) ? e.currentTarget.value : null)}
            w={200}
          />
          <Select
            label={t('planned.fields.status')}
            placeholder={t('planned.programs.allStates')}
            data={PROGRAM_STATES.map((s) => ({ value: s, label: programStatusLabel(t, s) }))}
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
              {t('planned.clearFilters')}
            </Button>
          )}
        </Group>
      </Card>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : items.length === 0 ? (
        <Card withBorder padding="lg">
          <Text>{t('planned.programs.empty')}</Text>
          <Text size="sm" c="dimmed" mt="xs">
            {mayGenerate ? t('planned.programs.emptyGenerate') : t('planned.programs.emptyWait')}
          </Text>
        </Card>
      ) : (
        <>
          <Text size="sm" mb="xs" role="status">
            {t('planned.programs.count', { count: items.length })}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover aria-label={t('planned.programs.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('planned.fields.month')}</Table.Th>
                  <Table.Th>{t('planned.fields.contract')}</Table.Th>
                  <Table.Th>{t('planned.fields.contractor')}</Table.Th>
                  <Table.Th>{t('planned.fields.status')}</Table.Th>
                  <Table.Th>{t('planned.program.items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/programs/${p.id}`}
                        fw={600}
                        aria-label={t('planned.programs.open', { month: `${format.month(p.month)} · ${p.lot}` })}
                      >
                        {format.month(p.month)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {p.lot}
                      <Text size="xs" c="dimmed">
                        {p.contractTitle}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.contractorName}</Table.Td>
                    <Table.Td>
                      <ProgramStatusBadge status={p.status} t={t} size="sm" />
                    </Table.Td>
                    <Table.Td className="tabular-nums">{t('planned.programs.items', { count: p.itemCount })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}

/** "Genera il programma": the month's occurrences of the contract's plans; opening it if it exists. */
function GenerateCard({ defaultContractId, defaultMonth }: { defaultContractId?: string; defaultMonth?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const invalidate = usePlannedInvalidate();
  const [contractId, setContractId] = useState<string | null>(defaultContractId ?? null);
  const [month, setMonth] = useState(defaultMonth ?? romeMonth());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!contractId || !MONTH.test(month)) return;
    setBusy(true);
    setError(null);
    try {
      const program = await generateProgram(contractId, month);
      invalidate();
      notify(t('planned.programs.generated'));
      void navigate(`/programs/${program.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" mb="md" component="section" aria-labelledby="generate-program">
      <Title order={2} size="h5" id="generate-program" mb="xs">
        {t('planned.programs.generate')}
      </Title>
      <Group gap="sm" align="flex-end">
        <EntitySelect
          entity="contracts"
          label={t('planned.fields.contract')}
          value={contractId}
          onChange={setContractId}
          required
          w={320}
        />
        <TextInput
          type="month"
          label={t('planned.fields.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          required
          w={200}
        />
        <Button
          onClick={() => void run()}
          loading={busy}
          disabled={!contractId || !MONTH.test(month)}
          leftSection={<IconCalendarPlus size={16} aria-hidden />}
        >
          {t('planned.programs.generate')}
        </Button>
      </Group>
      {error ? <ProblemAlert error={error} /> : null}
    </Card>
  );
}
