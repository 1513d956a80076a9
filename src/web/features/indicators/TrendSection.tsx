import { Box, Loader, SimpleGrid, Table, Text } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { kpiFileUrl, useKpiTrend, type FigureDto, type KpiFilter } from '../../api/kpi';
import { XlsxLink } from './XlsxLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { asPercent } from './indicators';
// Its CSS comes with the first chart, not with the login page (#12).
import '@mantine/charts/styles.layer.css';

/**
 * The headline figures month by month (month of issue): the SLA shares as lines, the work orders as
 * bars, and the table with the same numbers — the charts' text alternative, always visible.
 */
export function TrendSection({ filter }: { filter: KpiFilter }) {
  const t = useT();
  const format = useFormat();
  const trend = useKpiTrend(filter);
  const title = t('indicators.trend.title');
  const months = trend.data?.months ?? [];
  const share = (f: FigureDto) => (f.value === null ? t('indicators.noData') : format.percent(asPercent(f.value)));
  const data = months.map((m) => ({
    month: format.month(m.month),
    takeCharge: asPercent(m.takeCharge.value),
    onSite: asPercent(m.onSite.value),
    resolution: asPercent(m.resolution.value),
    workOrders: m.workOrders,
  }));
  const summary = t('indicators.trend.chartSummary', {
    count: months.length,
    from: format.month(months[0]?.month),
    to: format.month(months.at(-1)?.month),
  });
  return (
    <Section title={title} actions={<XlsxLink href={kpiFileUrl('trend', filter, 'xlsx')} label={t('indicators.exportView', { title })} />}>
      {trend.isError ? (
        <ProblemAlert error={trend.error} />
      ) : trend.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : months.length === 0 ? (
        <Text size="sm">{t('indicators.empty')}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {/* The charts are pictures of the table below: one image each, named by what they show. */}
            <Box role="img" aria-label={`${t('indicators.trend.slaChart')}: ${summary}`}>
              <Text size="sm" fw={600} mb="xs" aria-hidden>
                {t('indicators.trend.slaChart')}
              </Text>
              <LineChart
                h={240}
                data={data}
                dataKey="month"
                curveType="linear"
                withLegend
                connectNulls={false}
                yAxisProps={{ domain: [0, 100] }}
                valueFormatter={(v) => format.percent(v)}
                lineChartProps={{ accessibilityLayer: false }}
                series={[
                  { name: 'takeCharge', label: t('indicators.figures.takeCharge'), color: 'blue.8' },
                  { name: 'onSite', label: t('indicators.figures.onSite'), color: 'teal.8', strokeDasharray: '6 3' },
                  { name: 'resolution', label: t('indicators.figures.resolution'), color: 'orange.8', strokeDasharray: '2 2' },
                ]}
              />
            </Box>
            <Box role="img" aria-label={`${t('indicators.trend.workOrdersChart')}: ${summary}`}>
              <Text size="sm" fw={600} mb="xs" aria-hidden>
                {t('indicators.trend.workOrdersChart')}
              </Text>
              <BarChart
                h={240}
                data={data}
                dataKey="month"
                valueFormatter={(v) => format.integer(v)}
                barChartProps={{ accessibilityLayer: false }}
                series={[{ name: 'workOrders', label: t('indicators.trend.workOrders'), color: 'blue.8' }]}
              />
            </Box>
          </SimpleGrid>
          <Table.ScrollContainer minWidth={800}>
            <Table striped withTableBorder aria-label={t('indicators.trend.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('indicators.trend.month')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.trend.workOrders')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.figures.takeCharge')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.figures.onSite')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.figures.resolution')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.mttr.mean')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.figures.reopenRate')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('indicators.satisfaction.average')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Th scope="row" fw={400}>
                      {format.month(m.month)}
                    </Table.Th>
                    <Table.Td ta="right" className="tabular-nums">
                      {format.integer(m.workOrders)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {share(m.takeCharge)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {share(m.onSite)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {share(m.resolution)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {m.mttrMeanMs === null ? t('indicators.noData') : format.duration(m.mttrMeanMs)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {share(m.reopenRate)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {m.satisfactionAverage === null ? t('indicators.noData') : format.decimal(m.satisfactionAverage, 1)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}
