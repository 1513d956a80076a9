import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useContractSummary } from '../../api/penalties';
import { useContractSpendDetail } from '../../api/spend';
import type { Me } from '../../api/types';
import { canSeeContracts, canSeeFinalAccounts, canSeeKpiReports } from '../../app/permissions';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Details, Section } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

/** The service head's contract view: penalties against the cap and spend against the lot's ceiling. */
export function ContractStanding({ contractId, me }: { contractId: string; me: Me | null | undefined }) {
  const t = useT();
  const format = useFormat();
  const summary = useContractSummary(canSeeContracts(me) ? contractId : undefined);
  const spend = useContractSpendDetail(canSeeFinalAccounts(me) ? contractId : null);
  const bp = (v: number | null | undefined) => (v === null || v === undefined ? t('indicators.noData') : format.percent(v / 100));
  return (
    <Section
      title={t('indicators.contract.title')}
      actions={
        <Group gap="md">
          {canSeeKpiReports(me) && (
            // The period reports of the scheme: where the figures become a penalty or a reward.
            <Anchor component={Link} to="/kpi-reports" size="sm">
              {t('indicators.contract.periodReports')}
            </Anchor>
          )}
          {canSeeContracts(me) && (
            <Anchor component={Link} to={`/contracts/${encodeURIComponent(contractId)}/overview`} size="sm">
              {t('indicators.contract.overview')}
            </Anchor>
          )}
        </Group>
      }
    >
      {summary.isError && <ProblemAlert error={summary.error} />}
      {spend.isError && <ProblemAlert error={spend.error} />}
      <Details
        items={[
          summary.data && { label: t('indicators.contract.capUsed'), value: format.percent(summary.data.usedPercent) },
          summary.data && { label: t('indicators.contract.capRemaining'), value: format.euro(summary.data.remainingCents) },
          spend.data && { label: t('indicators.contract.amountUsed'), value: bp(spend.data.amountUsedBp) },
          spend.data && { label: t('indicators.contract.ceilingUsed'), value: bp(spend.data.ceilingUsedBp) },
        ]}
      />
    </Section>
  );
}
