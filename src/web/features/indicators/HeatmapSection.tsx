import { Loader, Table, Text } from '@mantine/core';
import { kpiFileUrl, useKpiHeatmap, type KpiFilter } from '../../api/kpi';
import { XlsxLink } from './XlsxLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { heatLevel } from './indicators';

// Light shades carry dark text, dark shades white text: every step keeps AA contrast.
const SHADES = [
  null,
  { bg: 'var(--mantine-color-blue-0)', fg: undefined },
  { bg: 'var(--mantine-color-blue-1)', fg: undefined },
  { bg: 'var(--mantine-color-blue-2)', fg: undefined },
  { bg: 'var(--mantine-color-blue-8)', fg: '#ffffff' },
  { bg: 'var(--mantine-color-blue-9)', fg: '#ffffff' },
];

/**
 * Faults (corrective work orders) by building and technology class: a real table, the number in
 * every cell, the shade only repeating it, so it reads the same without colour or sight.
 */
export function HeatmapSection({ filter }: { filter: KpiFilter }) {
  const t = useT();
  const format = useFormat();
  const heat = useKpiHeatmap(filter);
  const title = t('indicators.heatmap.title');
  const data = heat.data;
  const counts = new Map((data?.cells ?? []).map((c) => [`${c.buildingId}|${c.technologyClassId}`, c.faults]));
  const max = Math.max(0, ...counts.values());
  return (
    <Section
      title={title}
      actions={<XlsxLink href={kpiFileUrl('heatmap', filter, 'xlsx')} label={t('indicators.exportView', { title })} />}
    >
      {heat.isError ? (
        <ProblemAlert error={heat.error} />
      ) : !data ? (
        <Loader aria-label={t('common.loading')} />
      ) : data.cells.length === 0 ? (
        <Text size="sm">{t('indicators.heatmap.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('indicators.heatmap.hint')}
          </Text>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder withColumnBorders className="kpi-heat" aria-label={title} data-testid="kpi-heatmap">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('indicators.columns.building')}</Table.Th>
                  {data.classes.map((c) => (
                    <Table.Th key={c.id} scope="col" ta="right">
                      <abbr title={c.name}>{c.code}</abbr>
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" ta="right">
                    {t('indicators.heatmap.total')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.buildings.map((b) => {
                  const row = data.classes.map((c) => counts.get(`${b.id}|${c.id}`) ?? 0);
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Th scope="row" fw={400}>{`${b.code} – ${b.name}`}</Table.Th>
                      {row.map((n, i) => {
                        const shade = SHADES[heatLevel(n, max)];
                        return (
                          <Table.Td
                            key={data.classes[i].id}
                            className="tabular-nums"
                            style={shade ? { background: shade.bg, color: shade.fg, fontWeight: 600 } : undefined}
                          >
                            {format.integer(n)}
                          </Table.Td>
                        );
                      })}
                      <Table.Td className="tabular-nums" fw={700}>
                        {format.integer(row.reduce((a, n) => a + n, 0))}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}
