import { useEffect, useState } from 'react';
import { Button, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import {
  KPI_FIGURE_NAMES,
  kpiFileUrl,
  useKpiReport,
  type FigureDto,
  type KpiDrill,
  type KpiFigureName,
  type KpiReportDto,
  type KpiSet,
} from '../../api/kpi';
import { useMe } from '../../api/me';
import type { Me } from '../../api/types';
import { hasRole } from '../../app/permissions';
import { EntitySelect } from '../../components/EntitySelect';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { priorityLabel } from '../../components/workflow/labels';
import { useFormat } from '../../i18n/format';
import { useT, type MessageKey } from '../../i18n/messages';
import { DrillDown, PAGE_SIZE } from './DrillDown';
import { CardButton, FigureCard } from './FigureCard';
import { ContractStanding } from './ContractStanding';
import { HeatmapSection } from './HeatmapSection';
import { ByPriority, CostPerM2, SatisfactionAverage } from './ReportTables';
import { drillSet, PRIORITY_VALUES, readFilter } from './indicators';
import { TrendSection } from './TrendSection';

/** Whose dashboard this is: the service head's contract view, a building manager's buildings, a contractor's scorecard. */
type View = 'contract' | 'building' | 'scorecard';

function viewOf(me: Me | null | undefined): View {
  if (hasRole(me, 'service_head', 'admin', 'accounting', 'call_center')) return 'contract';
  if (hasRole(me, 'building_manager')) return 'building';
  return 'scorecard';
}

const figureOf = (r: KpiReportDto, f: KpiFigureName): FigureDto | null => {
  switch (f) {
    case 'takeCharge':
    case 'onSite':
    case 'resolution':
      return r.sla[f];
    case 'reopenRate':
    case 'firstTimeFix':
    case 'plannedCompliance':
    case 'correctiveShare':
      return r[f];
    case 'satisfactionResponse':
      return r.satisfaction.responseRate;
    case 'satisfactionLow':
      return r.satisfaction.lowScores;
    case 'satisfactionFollowedUp':
      return r.satisfaction.followedUp;
    case 'backlog':
      return null;
  }
};

const GROUPS: Array<{ title: MessageKey; figures: KpiFigureName[] }> = [
  { title: 'indicators.groups.sla', figures: ['takeCharge', 'onSite', 'resolution'] },
  { title: 'indicators.groups.quality', figures: ['firstTimeFix', 'reopenRate', 'plannedCompliance', 'correctiveShare'] },
  { title: 'indicators.groups.satisfaction', figures: ['satisfactionResponse', 'satisfactionLow', 'satisfactionFollowedUp'] },
];
const SETS: readonly KpiSet[] = ['basis', 'hits', 'misses'];

/**
 * Service indicators (#11 item 3): one page, three views by role, all scoped by the server. Every
 * filter and the open drill-down live in the URL, so a view can be shared, reloaded and exported.
 */
export function IndicatorsPage() {
  const t = useT();
  const format = useFormat();
  const me = useMe();
  const [today] = useState(() => new Date());
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params, today);
  const view = viewOf(me.data);
  const report = useKpiReport(filter);

  const figureParam = params.get('figure') ?? '';
  const figure = (KPI_FIGURE_NAMES as readonly string[]).includes(figureParam) ? (figureParam as KpiFigureName) : null;
  const setParam = params.get('set') ?? '';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const drill: KpiDrill | null = figure
    ? { figure, set: (SETS as readonly string[]).includes(setParam) ? (setParam as KpiSet) : 'basis', limit: PAGE_SIZE, offset }
    : null;

  const set = (changes: Record<string, string | null>, resetDrill = true) => {
    const next = new URLSearchParams(params);
    if (resetDrill) for (const k of ['figure', 'set', 'offset']) next.delete(k);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const open = (f: KpiFigureName, s: KpiSet) => set({ figure: f, set: s, offset: null });

  // A newly opened list scrolls into view: the answer to the click is below the cards.
  useEffect(() => {
    if (figure) document.getElementById('kpi-drill')?.scrollIntoView({ block: 'start' });
  }, [figure, drill?.set]);

  const title = t(`indicators.title.${view}`);
  const r = report.data;
  const figureLabel = (f: KpiFigureName) => t(`indicators.figures.${f}`);

  const contractSelect = (
    <EntitySelect
      key="contract"
      entity="contracts"
      label={t('indicators.filters.contract')}
      placeholder={t('indicators.filters.allContracts')}
      value={filter.contractId ?? null}
      onChange={(v) => set({ contractId: v })}
      w={320}
    />
  );
  const buildingSelect = (
    <EntitySelect
      key="building"
      entity="buildings"
      label={t('indicators.filters.building')}
      placeholder={t('indicators.filters.allBuildings')}
      value={filter.buildingId ?? null}
      onChange={(v) => set({ buildingId: v })}
      w={280}
    />
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        description={t(`indicators.description.${view}`)}
        actions={
          <>
            <Button
              component="a"
              href={kpiFileUrl('report', filter, 'xlsx')}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {t('indicators.exportXlsx')}
            </Button>
            {filter.contractId && (
              <Button
                component="a"
                href={kpiFileUrl('report', filter, 'pdf')}
                download
                variant="default"
                leftSection={<IconFileTypePdf size={16} aria-hidden />}
              >
                {t('indicators.exportPdf')}
              </Button>
            )}
          </>
        }
      />

      <Group
        align="flex-end"
        gap="md"
        wrap="wrap"
        component="form"
        role="search"
        aria-label={t('indicators.filters.label')}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          type="date"
          label={t('indicators.filters.from')}
          value={filter.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput type="date" label={t('indicators.filters.to')} value={filter.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        {view === 'building' ? [buildingSelect, contractSelect] : [contractSelect, buildingSelect]}
        <EntitySelect
          entity="technologyClasses"
          label={t('indicators.filters.class')}
          placeholder={t('indicators.filters.allClasses')}
          value={filter.technologyClassId ?? null}
          onChange={(v) => set({ technologyClassId: v })}
          w={240}
        />
        <Select
          label={t('indicators.filters.priority')}
          placeholder={t('indicators.filters.allPriorities')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={PRIORITY_VALUES.map((p) => ({ value: p, label: priorityLabel(t, p) }))}
          value={filter.priority ?? null}
          onChange={(v) => set({ priority: v })}
          w={200}
        />
      </Group>

      {view === 'contract' && filter.contractId && <ContractStanding contractId={filter.contractId} me={me.data} />}

      {report.isError ? (
        <ProblemAlert error={report.error} />
      ) : !r ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {t('indicators.period', { from: format.date(r.from), to: format.date(r.to), count: r.workOrders })}
          </Text>
          {GROUPS.map((g) => (
            <Stack key={g.title} gap="xs" component="section" aria-label={t(g.title)}>
              <Title order={2} size="h4">
                {t(g.title)}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
                {g.figures.map((f) => {
                  const value = figureOf(r, f)!;
                  return (
                    <FigureCard
                      key={f}
                      figure={f}
                      label={figureLabel(f)}
                      value={value}
                      selected={figure === f}
                      onOpen={() => open(f, drillSet(f, value.value))}
                    />
                  );
                })}
                {g.title === 'indicators.groups.satisfaction' && <SatisfactionAverage average={r.satisfaction.average} />}
              </SimpleGrid>
            </Stack>
          ))}

          <Stack gap="xs" component="section" aria-label={t('indicators.groups.time')}>
            <Title order={2} size="h4">
              {t('indicators.groups.time')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <CardButton
                selected={figure === 'resolution' && drill?.set === 'hits'}
                onClick={() => open('resolution', 'hits')}
                label={t('indicators.mttr.button', {
                  mean: r.mttr.meanMs === null ? t('indicators.noData') : format.duration(r.mttr.meanMs),
                  count: r.mttr.count,
                })}
                testId="figure-mttr"
              >
                <Text size="sm" fw={600}>
                  {t('indicators.mttr.title')}
                </Text>
                <Text fz={28} fw={700} lh={1.1}>
                  {r.mttr.meanMs === null ? t('indicators.noData') : format.duration(r.mttr.meanMs)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('indicators.mttr.p90', { value: r.mttr.p90Ms === null ? t('indicators.noData') : format.duration(r.mttr.p90Ms) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('indicators.mttr.count', { count: r.mttr.count })}
                </Text>
              </CardButton>
              <CardButton
                selected={figure === 'backlog' && drill?.set === 'basis'}
                onClick={() => open('backlog', 'basis')}
                label={t('indicators.backlog.button', { count: r.backlog.total })}
                testId="figure-backlog"
              >
                <Text size="sm" fw={600}>
                  {t('indicators.backlog.title')}
                </Text>
                <Text fz={28} fw={700} lh={1.1} className="tabular-nums">
                  {format.integer(r.backlog.total)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('indicators.backlog.buckets', {
                    week: format.integer(r.backlog.upTo7Days),
                    month: format.integer(r.backlog.upTo30Days),
                    older: format.integer(r.backlog.over30Days),
                  })}
                </Text>
              </CardButton>
              <CardButton
                selected={figure === 'backlog' && drill?.set === 'hits'}
                bad={r.backlog.over30Days > 0}
                onClick={() => open('backlog', 'hits')}
                label={t('indicators.backlog.oldButton', { count: r.backlog.over30Days })}
                testId="figure-backlog-old"
              >
                <Text size="sm" fw={600}>
                  {t('indicators.backlog.old')}
                </Text>
                <Text fz={28} fw={700} lh={1.1} c={r.backlog.over30Days > 0 ? 'red.9' : undefined} className="tabular-nums">
                  {format.integer(r.backlog.over30Days)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('indicators.backlog.oldHint')}
                </Text>
              </CardButton>
            </SimpleGrid>
          </Stack>

          {drill && (
            <DrillDown
              filter={filter}
              drill={drill}
              figureLabel={figureLabel(drill.figure)}
              onPage={(o) => set({ offset: String(o) }, false)}
            />
          )}

          <ByPriority report={r} />
          {r.costPerM2.some((c) => c.costCents > 0) && <CostPerM2 report={r} />}
        </>
      )}

      <TrendSection filter={filter} />
      <HeatmapSection filter={filter} />
    </Stack>
  );
}
