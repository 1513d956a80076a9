import { useState } from 'react';
import { Anchor, Badge, Button, Center, Group, Loader, NumberInput, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { useKpiReportAction, useGenerateKpiReport, useKpiReports, type KpiReport } from '../../api/kpi-scheme';
import { useMe } from '../../api/me';
import { useContractCaps } from '../../api/penalties';
import { isApiError } from '../../api/problem';
import { hasRole } from '../../app/permissions';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Details, Section } from '../../components/workflow/Section';
import { useFormat, useNumberSeparators } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { centsToEuros, eurosToCents } from '../../lib/money';

// As the penalties' badges (outline, colours that pass the contrast check), the words always shown.
const STATE_COLOR = { generated: 'orange', reviewed: 'primary', signed_off: 'green' } as const;

/**
 * "Report indicatori" (#11 item 2): the period reports of the contracts' penalty/reward schemes the
 * caller sees. The service head, the admin and building managers generate a period's report; a
 * building manager of the contract reviews it (a note); the service head signs off the adjustment
 * (a reason for any change). The server decides who may do what (availableActions).
 */
export function KpiReportsPage() {
  const t = useT();
  const { data: me } = useMe();
  const reports = useKpiReports();
  const canGenerate = hasRole(me, 'service_head', 'admin', 'building_manager');
  return (
    <Stack gap="lg">
      <PageHeader title={t('kpiReports.title')} description={t('kpiReports.description')} />
      {canGenerate && <GenerateForm />}
      {reports.isError ? (
        <ProblemAlert error={reports.error} />
      ) : reports.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : reports.data.items.length === 0 ? (
        <Text>{t('kpiReports.empty')}</Text>
      ) : (
        reports.data.items.map((r) => <ReportSection key={r.id} report={r} />)
      )}
    </Stack>
  );
}

function GenerateForm() {
  const t = useT();
  const caps = useContractCaps();
  const generate = useGenerateKpiReport();
  const [contractId, setContractId] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  return (
    <Section title={t('kpiReports.generateTitle')}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('kpiReports.contract')}
          w={320}
          searchable
          value={contractId}
          onChange={setContractId}
          data={(caps.data?.items ?? []).map((k) => ({ value: k.contract.id, label: `${k.contract.lot} — ${k.contract.contractor}` }))}
        />
        <TextInput
          label={t('kpiReports.period')}
          description={t('kpiReports.periodHint')}
          w={200}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
        />
        <Button
          disabled={!contractId || !period}
          loading={generate.isPending}
          onClick={() =>
            contractId && generate.mutate({ contractId, period: period.trim() }, { onSuccess: () => notify(t('kpiReports.generated')) })
          }
        >
          {t('kpiReports.generate')}
        </Button>
      </Group>
      {isApiError(generate.error) && <ProblemAlert error={generate.error} />}
    </Section>
  );
}

function valueText(t: ReturnType<typeof useT>, format: ReturnType<typeof useFormat>, indicator: string, value: number | null) {
  if (value === null) return t('kpiReports.noData');
  return indicator === 'satisfactionAverage' ? format.number(value / 100, 2) : format.percent(value / 100);
}

function ReportSection({ report: r }: { report: KpiReport }) {
  const t = useT();
  const format = useFormat();
  const adjustment = (cents: number) =>
    cents < 0
      ? t('kpiReports.penaltyOf', { amount: format.euro(-cents) })
      : cents > 0
        ? t('kpiReports.rewardOf', { amount: format.euro(cents) })
        : t('kpiReports.noAdjustment');
  return (
    <Section
      title={t('kpiReports.reportTitle', { lot: r.contract.lot, period: r.period })}
      actions={
        <Badge variant="outline" color={STATE_COLOR[r.status]}>
          {t(`kpiReports.states.${r.status}`)}
        </Badge>
      }
    >
      <Text size="sm" c="dimmed">
        {r.contract.contractor} · CIG {r.contract.cig} · {format.date(r.from)} – {format.date(r.to)}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={t('kpiReports.scoringLabel', { lot: r.contract.lot, period: r.period })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('kpiReports.indicator')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('kpiReports.value')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('kpiReports.basis')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('kpiReports.points')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.scoring.map((s) => (
              <Table.Tr key={s.indicator}>
                <Table.Td>{t(`kpiReports.indicators.${s.indicator}`)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{valueText(t, format, s.indicator, s.value)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{s.denominator === null ? '—' : `${s.numerator}/${s.denominator}`}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{s.points === null ? '—' : s.points}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Details
        items={[
          { label: t('kpiReports.workOrders'), value: r.workOrders },
          { label: t('kpiReports.totalPoints'), value: r.points },
          { label: t('kpiReports.band'), value: format.percent(r.bandBp / 100) },
          r.daysEarly > 0 && { label: t('kpiReports.daysEarly'), value: r.daysEarly },
          { label: t('kpiReports.periodFee'), value: format.euro(r.periodFeeCents) },
          { label: t('kpiReports.capRoom'), value: format.euro(r.capRoomCents) },
          { label: t('kpiReports.proposed'), value: adjustment(r.proposedCents) },
          r.computedCents !== r.proposedCents && { label: t('kpiReports.computed'), value: adjustment(r.computedCents) },
          r.finalCents !== null && { label: t('kpiReports.final'), value: adjustment(r.finalCents) },
          r.reviewedBy && { label: t('kpiReports.reviewedBy'), value: `${r.reviewedBy.label} · ${format.dateTime(r.reviewedAt)}` },
          r.reviewNote && { label: t('kpiReports.reviewNote'), value: r.reviewNote },
          r.signedOffBy && { label: t('kpiReports.signedOffBy'), value: `${r.signedOffBy.label} · ${format.dateTime(r.signedOffAt)}` },
          r.reason && { label: t('kpiReports.reason'), value: r.reason },
          r.penaltyId && {
            label: t('kpiReports.penalty'),
            value: (
              <Anchor component={Link} to={`/penalties/${r.penaltyId}`}>
                {t('kpiReports.seePenalty')}
              </Anchor>
            ),
          },
        ]}
      />
      {r.availableActions.includes('review') && <ReviewForm report={r} />}
      {r.availableActions.includes('sign_off') && <SignOffForm report={r} />}
    </Section>
  );
}

function ReviewForm({ report }: { report: KpiReport }) {
  const t = useT();
  const act = useKpiReportAction();
  const [note, setNote] = useState('');
  return (
    <Stack gap="xs">
      <Textarea label={t('kpiReports.reviewNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
      {isApiError(act.error) && <ProblemAlert error={act.error} />}
      <Group>
        <Button
          loading={act.isPending}
          onClick={() =>
            act.mutate({ report, action: 'review', note: note.trim() || undefined }, { onSuccess: () => notify(t('kpiReports.reviewed')) })
          }
        >
          {t('kpiReports.review')}
        </Button>
      </Group>
    </Stack>
  );
}

function SignOffForm({ report }: { report: KpiReport }) {
  const t = useT();
  const separators = useNumberSeparators();
  const act = useKpiReportAction();
  const [amount, setAmount] = useState<number | string>(centsToEuros(report.proposedCents));
  const [reason, setReason] = useState('');
  const cents = eurosToCents(typeof amount === 'number' ? amount : amount.replace(',', '.'));
  return (
    <Stack gap="xs">
      <NumberInput
        label={t('kpiReports.finalAmount')}
        description={t('kpiReports.finalAmountHint')}
        maw={280}
        decimalScale={2}
        {...separators}
        value={amount}
        onChange={setAmount}
      />
      <Textarea
        label={t('kpiReports.reason')}
        description={t('kpiReports.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {isApiError(act.error) && <ProblemAlert error={act.error} />}
      <Group>
        <Button
          disabled={cents === null}
          loading={act.isPending}
          onClick={() =>
            cents !== null &&
            act.mutate(
              { report, action: 'sign_off', finalCents: cents, reason: reason.trim() || undefined },
              { onSuccess: () => notify(t('kpiReports.signedOff')) },
            )
          }
        >
          {t('kpiReports.signOff')}
        </Button>
      </Group>
    </Stack>
  );
}
