import { useState } from 'react';
import { Anchor, Button, Center, Group, Loader, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { registerUrl, useContractCaps, useContractSummary, usePlannedCompliance, useSlaCompliance } from '../../api/penalties';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { lookup, priorityLabel } from '../../components/workflow/labels';
import { Details, Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { penaltyStatusLabel } from './labels';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** One contract for building managers, service head and admin: SLA compliance, penalties against the cap, the register. */
export function ContractOverviewPage() {
  const t = useT();
  const format = useFormat();
  const { id } = useParams();
  const [today] = useState(() => new Date());
  const to = isoDate(today);
  const from = isoDate(new Date(today.getTime() - 364 * 86_400_000));
  const caps = useContractCaps();
  const summary = useContractSummary(id);
  const compliance = useSlaCompliance(id, from, to);
  const planned = usePlannedCompliance(id, from, to);
  const [period, setPeriod] = useState(String(today.getFullYear()));
  const contract = caps.data?.items.find((k) => k.contract.id === id)?.contract;
  const crumbs = [{ label: t('contracts.title'), to: '/contracts' }];
  const title = contract ? t('contracts.overview', { lot: contract.lot }) : t('contracts.title');

  if (summary.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (summary.isError) {
    return (
      <>
        <PageHeader title={t('contracts.title')} crumbs={crumbs} />
        <ProblemAlert error={summary.error} />
      </>
    );
  }
  const s = summary.data;
  const validPeriod = PERIOD.test(period);

  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        crumbs={crumbs}
        description={contract ? `CIG ${contract.cig} · ${contract.contractor}` : undefined}
        actions={
          <Button component={Link} to={`/penalties?contractId=${encodeURIComponent(s.contractId)}`} variant="default">
            {t('contracts.seePenalties')}
          </Button>
        }
      />

      <Section title={t('contracts.cap')}>
        <Stack gap={4}>
          <Text fw={700}>{t('contracts.capUsed', { percent: format.percent(s.usedPercent) })}</Text>
          <Progress.Root size="lg">
            <Progress.Section value={Math.min(100, s.usedPercent)} aria-label={t('contracts.capUsedLabel')} />
          </Progress.Root>
        </Stack>
        <Details
          items={[
            { label: t('contracts.net'), value: format.euro(s.netAmountCents) },
            { label: t('contracts.capAmount', { percent: format.percent(s.capPercent) }), value: format.euro(s.capCents) },
            { label: t('contracts.applied'), value: format.euro(s.appliedCents) },
            { label: t('contracts.openPenalties'), value: format.euro(s.openCents) },
            { label: t('contracts.waived'), value: format.euro(s.waivedCents) },
            { label: t('contracts.remaining'), value: format.euro(s.remainingCents) },
            {
              label: t('contracts.counts'),
              value:
                Object.entries(s.counts)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => `${penaltyStatusLabel(t, k)}: ${n}`)
                  .join(' · ') || '—',
            },
          ]}
        />
      </Section>

      <Section title={t('contracts.register')}>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('contracts.registerPeriod')}
            description={t('penalties.periodHint')}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value.trim())}
            error={validPeriod ? undefined : t('penalties.periodInvalid')}
            w={200}
          />
          {validPeriod && (
            <>
              <Button
                component="a"
                href={registerUrl(s.contractId, period, 'xlsx')}
                variant="default"
                leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              >
                {t('contracts.registerXlsx', { period })}
              </Button>
              <Button
                component="a"
                href={registerUrl(s.contractId, period, 'pdf')}
                variant="default"
                leftSection={<IconFileTypePdf size={16} aria-hidden />}
              >
                {t('contracts.registerPdf', { period })}
              </Button>
            </>
          )}
        </Group>
      </Section>

      <Section title={t('contracts.compliance')}>
        <Text size="sm" c="dimmed">
          {t('contracts.compliancePeriod', { from: format.date(from), to: format.date(to) })}
        </Text>
        {compliance.isError ? (
          <ProblemAlert error={compliance.error} />
        ) : compliance.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : compliance.data.groups.length === 0 ? (
          <Text size="sm">{t('contracts.noClocks')}</Text>
        ) : (
          <SimpleGrid cols={1}>
            <Table.ScrollContainer minWidth={600}>
              <Table striped aria-label={t('contracts.compliance')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('contracts.priority')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('contracts.clocks')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('contracts.met')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('contracts.breached')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('contracts.open')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('contracts.metShare')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[
                    ...compliance.data.groups.map((g) => ({ ...g, name: lookup(t, `priority.${g.key}`, priorityLabel(t, g.key)) })),
                    { ...compliance.data.total, key: 'total', name: t('contracts.total') },
                  ].map((g) => (
                    <Table.Tr key={g.key} fw={g.key === 'total' ? 700 : undefined}>
                      <Table.Td>{g.name}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{g.clocks}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{g.met}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{g.breached}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{g.open}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {g.metShare === null ? '—' : format.percent(Math.round(g.metShare * 1000) / 10)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </SimpleGrid>
        )}
        <Anchor component={Link} to={`/penalties?contractId=${encodeURIComponent(s.contractId)}`} size="sm">
          {t('contracts.seePenalties')}
        </Anchor>
      </Section>

      <Section title={t('contracts.plannedCompliance')}>
        <Text size="sm" c="dimmed">
          {t('contracts.plannedCompliancePeriod', { from: format.date(from), to: format.date(to) })}
        </Text>
        {planned.isError ? (
          <ProblemAlert error={planned.error} />
        ) : planned.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : planned.data.items.length === 0 ? (
          <Text size="sm">{t('contracts.noPlanned')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped aria-label={t('contracts.plannedCompliance')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contracts.building')}</Table.Th>
                  <Table.Th>{t('contracts.month')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('contracts.due')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('contracts.doneOnTime')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('contracts.late')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('contracts.onTimeShare')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {planned.data.items.map((r) => (
                  <Table.Tr key={`${r.buildingId}-${r.month}`}>
                    <Table.Td>{`${r.buildingCode} · ${r.buildingName}`}</Table.Td>
                    <Table.Td>{r.month}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.due}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.doneOnTime}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.late}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.pct === null ? '—' : format.percent(r.pct)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}
