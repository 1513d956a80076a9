import { Stack, Table, Text } from '@mantine/core';
import type { KpiReportDto } from '../../api/kpi';
import { priorityLabel } from '../../components/workflow/labels';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { asPercent, judge } from './indicators';

/** The average score (1–5) of the period's ratings: a figure with no drill-down of its own. */
export function SatisfactionAverage({ average }: { average: number | null }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack gap={4} p="md" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
      <Text size="sm" fw={600}>
        {t('indicators.satisfaction.average')}
      </Text>
      <Text fz={28} fw={700} lh={1.1} className="tabular-nums">
        {average === null ? t('indicators.noData') : t('indicators.satisfaction.outOf5', { value: format.decimal(average, 1) })}
      </Text>
    </Stack>
  );
}

/** The SLA shares per priority: a table, "fuori obiettivo" written beside a red figure. */
export function ByPriority({ report }: { report: KpiReportDto }) {
  const t = useT();
  const format = useFormat();
  const title = t('indicators.byPriority');
  const clocks = ['takeCharge', 'onSite', 'resolution'] as const;
  return (
    <Section title={title}>
      {report.byPriority.length === 0 ? (
        <Text size="sm">{t('indicators.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped withTableBorder aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.columns.priority')}</Table.Th>
                {clocks.map((c) => (
                  <Table.Th key={c} scope="col" ta="right">
                    {t(`indicators.figures.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.byPriority.map((p) => (
                <Table.Tr key={p.priority}>
                  <Table.Th scope="row" fw={400}>
                    {priorityLabel(t, p.priority)}
                  </Table.Th>
                  {clocks.map((c) => {
                    const f = p[c];
                    const bad = judge(c, f.value) === 'bad';
                    return (
                      <Table.Td key={c} ta="right" className="tabular-nums" c={bad ? 'red.9' : undefined} fw={bad ? 700 : undefined}>
                        {f.value === null
                          ? t('indicators.noData')
                          : `${format.percent(asPercent(f.value))} (${f.numerator}/${f.denominator})`}
                        {bad && ` · ${t('indicators.belowTarget')}`}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

/** Approved final accounts of the period per building over its floor area. */
export function CostPerM2({ report }: { report: KpiReportDto }) {
  const t = useT();
  const format = useFormat();
  const title = t('indicators.cost.title');
  return (
    <Section title={title}>
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('indicators.columns.building')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('indicators.cost.cost')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('indicators.cost.area')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('indicators.cost.perM2')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.costPerM2.map((c) => (
              <Table.Tr key={c.building.id}>
                <Table.Th scope="row" fw={400}>{`${c.building.code} – ${c.building.name}`}</Table.Th>
                <Table.Td ta="right" className="tabular-nums">
                  {format.euro(c.costCents)}
                </Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {c.areaM2 === null ? t('indicators.noData') : format.decimal(c.areaM2, 2)}
                </Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {c.centsPerM2 === null ? t('indicators.noData') : format.euro(c.centsPerM2)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
