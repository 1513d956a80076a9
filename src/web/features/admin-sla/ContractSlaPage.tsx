import { Center, Loader, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { useMe } from '../../api/me';
import { useRegistryItem } from '../../api/registry';
import type { Contract } from '../../api/types';
import { hasRole } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';
import { useCalendar, useContractSla, useSlaPreview } from './api';
import { AllocationRuleSection } from '../accounting/AllocationRuleSection';
import { KpiSchemeSection } from '../kpi-reports/KpiSchemeSection';
import { CalendarSection } from './CalendarSection';
import { ClosuresSection } from './ClosuresSection';
import { DocumentsDaysSection } from './DocumentsDaysSection';
import { SlaTableSection } from './SlaTableSection';

/**
 * A contract's SLA table (versions, preview), working week, closures and the days for documents to
 * follow (issue #9, admin console):
 * editable by admins, readable by whoever reads the contract (the API decides; it answers 404 or 403).
 */
export function ContractSlaPage() {
  const t = useT();
  const { id } = useParams();
  const { data: me } = useMe();
  const canEdit = hasRole(me, 'admin');
  const contract = useRegistryItem<Contract>('/api/contracts', id);
  const sla = useContractSla(id);
  const calendar = useCalendar(id);
  // The preview of the table in force also names the contract's sites (for closures).
  const sites = useSlaPreview(id, null, null);
  const crumbs = [
    { label: t('entities.contracts.title'), to: '/registry/contracts' },
    ...(contract.data ? [{ label: contract.data.lot, to: `/registry/contracts/${encodeURIComponent(contract.data.id)}` }] : []),
  ];
  const title = contract.data ? t('adminSla.title', { lot: contract.data.lot }) : t('adminSla.titleShort');
  const error = contract.error ?? sla.error ?? calendar.error;

  if (error) {
    return (
      <>
        <PageHeader title={t('adminSla.titleShort')} crumbs={crumbs} />
        <ProblemAlert error={error} />
      </>
    );
  }
  if (!id || !sla.data || !calendar.data || !contract.data) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader title={title} crumbs={crumbs} description={`CIG ${contract.data.cig} · ${contract.data.title}`} />
      <SlaTableSection contractId={id} sla={sla.data} canEdit={canEdit} />
      <CalendarSection contractId={id} calendar={calendar.data} canEdit={canEdit} />
      <ClosuresSection contractId={id} sites={sites.data?.sites ?? []} canEdit={canEdit} />
      <DocumentsDaysSection contract={contract.data} canEdit={canEdit} />
      <AllocationRuleSection owner="contract" ownerId={id} canEdit={canEdit} />
      <KpiSchemeSection contractId={id} canEdit={canEdit} />
    </Stack>
  );
}
