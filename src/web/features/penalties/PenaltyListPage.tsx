import { useState } from 'react';
import { Anchor, Button, Card, Group, Loader, Modal, Select, Table, Text, TextInput } from '@mantine/core';
import { IconFilterOff, IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { hasRole } from '../../app/permissions';
import { PENALTY_STATUSES, useContractCaps, usePenalties, type PenaltyFilters } from '../../api/penalties';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { clockLabel, delayText, PenaltyStatusBadge, penaltyStatusLabel } from './labels';
import { ManualPenaltyForm } from './ManualPenaltyForm';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/** Penalties in the caller's scope; the filters (contract, status, period) live in the URL. */
export function PenaltyListPage() {
  const t = useT();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters: PenaltyFilters = {
    contractId: params.get('contractId') || undefined,
    status: params.get('status') || undefined,
    period: params.get('period') && PERIOD.test(params.get('period')!) ? params.get('period')! : undefined,
  };
  const [periodText, setPeriodText] = useState(params.get('period') ?? '');
  const periodError = periodText !== '' && !PERIOD.test(periodText) ? t('penalties.periodInvalid') : undefined;
  const caps = useContractCaps();
  const list = usePenalties(filters);
  const { data: me } = useMe();
  const mayPropose = hasRole(me, 'service_head', 'building_manager');
  const [proposing, setProposing] = useState(false);
  const items = list.data?.items ?? [];

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filtered = !!(filters.contractId || filters.status || filters.period);

  return (
    <>
      <PageHeader
        title={t('penalties.title')}
        actions={
          mayPropose ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProposing(true)}>
              {t('penalties.propose.button')}
            </Button>
          ) : undefined
        }
      />
      <Modal opened={proposing} onClose={() => setProposing(false)} title={t('penalties.propose.title')} size="lg">
        {proposing && <ManualPenaltyForm contractId={filters.contractId} onClose={() => setProposing(false)} />}
      </Modal>
      <Card withBorder padding="sm" mb="md" component="section" aria-label={t('penalties.filters')}>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('penalties.contract')}
            placeholder={t('penalties.allContracts')}
            data={(caps.data?.items ?? []).map((k) => ({ value: k.contract.id, label: `${k.contract.lot} – ${k.contract.contractor}` }))}
            value={filters.contractId ?? null}
            onChange={(v) => set('contractId', v)}
            clearable
            w={320}
          />
          <Select
            label={t('penalties.status')}
            placeholder={t('penalties.allStatuses')}
            data={PENALTY_STATUSES.map((s) => ({ value: s, label: penaltyStatusLabel(t, s) }))}
            value={filters.status ?? null}
            onChange={(v) => set('status', v)}
            clearable
            w={220}
          />
          <TextInput
            label={t('penalties.period')}
            description={t('penalties.periodHint')}
            value={periodText}
            error={periodError}
            onChange={(e) => {
              const v = e.currentTarget.value.trim();
              setPeriodText(v);
              if (v === '' || PERIOD.test(v)) set('period', v || null);
            }}
            w={180}
          />
          {filtered && (
            <Button
              variant="default"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => {
                setPeriodText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('penalties.clear')}
            </Button>
          )}
        </Group>
      </Card>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : items.length === 0 ? (
        <Text>{t('penalties.empty')}</Text>
      ) : (
        <>
          <Text size="sm" mb="xs" role="status">
            {t('penalties.count', { count: items.length })}
            {list.data.nextCursor ? ` — ${t('penalties.more', { count: items.length })}` : ''}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label={t('penalties.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('penalties.workOrder')}</Table.Th>
                  <Table.Th>{t('penalties.status')}</Table.Th>
                  <Table.Th>{t('penalties.contract')}</Table.Th>
                  <Table.Th>{t('penalties.clock')}</Table.Th>
                  <Table.Th>{t('penalties.delay')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('penalties.proposed')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('penalties.final')}</Table.Th>
                  <Table.Th>{t('penalties.period')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/penalties/${p.id}`} fw={600}>
                        {p.workOrder ? `${p.workOrder.number} · ${clockLabel(t, p.clock)}` : p.period}
                      </Anchor>
                      {p.workOrder && (
                        <Text size="xs" c="dimmed">
                          {p.workOrder.building.code} – {p.workOrder.building.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <PenaltyStatusBadge status={p.status} size="sm" />
                    </Table.Td>
                    <Table.Td>
                      {p.contract.lot}
                      <Text size="xs" c="dimmed">
                        {p.contractor.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{clockLabel(t, p.clock)}</Table.Td>
                    <Table.Td>{delayText(t, p.breachedByMs)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{format.euro(p.proposedCents)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{format.euro(p.finalCents)}</Table.Td>
                    <Table.Td>{p.period}</Table.Td>
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
