import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useKpiReports } from '../../api/kpi-scheme';
import { Shell } from '../home/QueueSection';
import { useT } from '../../i18n/messages';

/** The home's queue of indicator reports waiting for the caller: to review (building manager), to sign off (service head). */
export function KpiReportQueue() {
  const t = useT();
  const list = useKpiReports();
  const items = (list.data?.items ?? []).filter((r) => r.availableActions.length > 0);
  return (
    <Shell
      title={t('kpiReports.home.title')}
      count={list.data ? items.length : undefined}
      link="/kpi-reports"
      loading={list.isPending}
      error={list.error}
      emptyText={t('kpiReports.home.empty')}
      isEmpty={items.length === 0}
    >
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.slice(0, 8).map((r) => (
          <li key={r.id} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}>
            <Anchor component={Link} to="/kpi-reports" fw={700}>
              {t('kpiReports.reportTitle', { lot: r.contract.lot, period: r.period })}
            </Anchor>
            <Text size="xs" c="dimmed">
              {r.contract.contractor} · {t(`kpiReports.states.${r.status}`)}
            </Text>
          </li>
        ))}
      </Stack>
    </Shell>
  );
}
