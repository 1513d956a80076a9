import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useCreateFinalAccount, useFinalAccountOfWorkOrder } from '../../api/final-accounts';
import { useMe } from '../../api/me';
import type { WorkOrderDto } from '../../api/workflow';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/workflow/Section';
import { useT } from '../../i18n/messages';
import { FinalAccountView } from '../accounting/FinalAccountView';

/** Roles that read final accounts (the server scopes which); the call center and requesters do not. */
const READERS = ['contractor', 'building_manager', 'service_head', 'accounting', 'admin'];
/** Work done: the contractor may open the final account. */
const DONE = ['completed', 'verified'];

/**
 * "Consuntivo" on the work-order page (#10 item 2): the contractor of a completed or verified work
 * order opens it (extra-fee work starts from the approved quote), writes its lines and submits it;
 * everyone in scope reads it with its totals, the service head and accounting decide here too.
 */
export function FinalAccountSection({ workOrder: w }: { workOrder: WorkOrderDto }) {
  const t = useT();
  const { data: me } = useMe();
  const reads = !!me && me.roles.some((r) => READERS.includes(r));
  const shown = reads && w.kind !== 'planned' && (DONE.includes(w.status) || w.status === 'closed');
  const account = useFinalAccountOfWorkOrder(w.id, shown);
  const create = useCreateFinalAccount(w.id);
  if (!shown) return null;
  const mine = !!me?.contractorId && me.contractorId === w.contractor.id && DONE.includes(w.status);

  return (
    <Section title={t('finalAccounts.section')}>
      <div data-testid="final-account-section">
        {account.isPending ? (
          <Center py="sm">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        ) : account.isError ? (
          <ProblemAlert error={account.error} />
        ) : account.data ? (
          <FinalAccountView account={account.data} />
        ) : (
          <Stack gap="sm">
            <Text size="sm">{mine ? t('finalAccounts.openHint') : t('finalAccounts.none')}</Text>
            {mine && (
              <div>
                <Button
                  leftSection={<IconReceipt size={16} aria-hidden />}
                  loading={create.isPending}
                  onClick={() => create.mutate(undefined, { onSuccess: () => notify(t('finalAccounts.opened', { number: w.number })) })}
                >
                  {t('finalAccounts.open')}
                </Button>
              </div>
            )}
            {create.error && <ProblemAlert error={create.error} />}
          </Stack>
        )}
      </div>
    </Section>
  );
}
