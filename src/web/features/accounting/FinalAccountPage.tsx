import { Anchor, Center, Loader, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useFinalAccount } from '../../api/final-accounts';
import { useWorkOrder } from '../../api/workflow';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/workflow/Section';
import { Timeline } from '../../components/workflow/Timeline';
import { useT } from '../../i18n/messages';
import { QuoteView } from '../work-orders/QuoteView';
import { FinalAccountView } from './FinalAccountView';

/**
 * One final account (#10 item 2), reached from accounting's list: lines, totals before and after
 * the discount, the approved quote it is compared with, the variance and its history (the final
 * account's steps on the work order's timeline); the decisions are the caller's buttons.
 */
export function FinalAccountPage() {
  const t = useT();
  const { id } = useParams();
  const account = useFinalAccount(id);
  const workOrder = useWorkOrder(account.data?.workOrder.id);
  const crumbs = [{ label: t('nav.finalAccounts'), to: '/accounting/final-accounts' }];
  if (account.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (account.isError)
    return (
      <>
        <PageHeader title={t('finalAccounts.singular')} crumbs={crumbs} />
        <ProblemAlert error={account.error} />
      </>
    );
  const a = account.data;
  const history = (workOrder.data?.timeline ?? []).filter((i) => i.type === 'event' && i.event?.action.startsWith('final_account_'));
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('finalAccounts.pageTitle', { number: a.workOrder.number })}
        crumbs={crumbs}
        description={
          <>
            {a.workOrder.description}
            <br />
            <Anchor component={Link} to={`/work-orders/${a.workOrder.id}`}>
              {t('finalAccounts.toWorkOrder', { number: a.workOrder.number })}
            </Anchor>
            {` · ${a.building.code} – ${a.building.name}`}
          </>
        }
      />
      <Section title={t('finalAccounts.section')}>
        <FinalAccountView account={a} />
      </Section>
      {workOrder.data?.quote && (
        <Section title={t('finalAccounts.quoteCompared')}>
          <QuoteView quote={workOrder.data.quote} />
        </Section>
      )}
      <Section title={t('finalAccounts.history')}>
        {workOrder.isError ? <ProblemAlert error={workOrder.error} /> : <Timeline items={history} label={t('finalAccounts.history')} />}
      </Section>
    </Stack>
  );
}
