import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconEdit, IconSend } from '@tabler/icons-react';
import { useFinalAccountAction, type FinalAccount, type FinalAccountAction, type FinalAccountState } from '../../api/final-accounts';
import { isVersionConflict } from '../../api/problem';
import { notify } from '../../components/notify';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollBox } from '../../components/ScrollBox';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { Details } from '../../components/workflow/Section';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { FinalAccountEditor } from '../work-orders/FinalAccountEditor';
import { QuoteTotals } from '../work-orders/QuoteView';
import { DecisionDialog } from './FinalAccountListPage';

export const STATE_COLOR: Record<FinalAccountState, string> = {
  draft: 'gray',
  submitted: 'blue',
  needs_service_head: 'orange',
  returned: 'red',
  approved: 'green',
};

/** The net differs from the approved quote: the contractor writes why (extra-fee work only). */
export const hasVariance = (a: FinalAccount) => a.basis === 'extra_fee' && a.netCents !== (a.approvedNetCents ?? 0);

/**
 * One final account as everyone in scope reads it (#10 item 2): its state and who acts next, the
 * return reason, the lines, totals before and after the discount, the approved quote compared and
 * the variance; the buttons are the caller's (the server's availableActions and canEdit).
 */
export function FinalAccountView({ account: a }: { account: FinalAccount }) {
  const t = useT();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [deciding, setDeciding] = useState<FinalAccountAction | null>(null);
  const percent = (bp: number | null) => (bp === null ? '—' : `${format.number(bp / 100)} %`);

  return (
    <Stack gap="sm" data-testid="final-account" data-state={a.status}>
      <Group gap="sm">
        <Badge color={STATE_COLOR[a.status]} variant="light" size="lg" tt="none" data-testid="final-account-state">
          {t(`finalAccounts.state.${a.status}`)}
        </Badge>
        <Text size="sm" data-testid="final-account-next">
          {t(`finalAccounts.next.${a.status}`, { percent: percent(a.contract.varianceThresholdBp) })}
        </Text>
      </Group>
      {a.status === 'returned' && a.returnReason && (
        <Alert color="red" variant="light" title={t('finalAccounts.returnedTitle')} data-testid="final-account-return-reason">
          {a.returnReason}
        </Alert>
      )}
      <Details
        items={[
          { label: t('accounting.fee'), value: t(`finalAccounts.basis.${a.basis}`) },
          { label: t('workOrder.contract'), value: t('workOrder.contractValue', { lot: a.contract.lot, cig: a.contract.cig }) },
          { label: t('workOrder.contractor'), value: a.contractor.name },
          a.hours !== null && { label: t('fields.hours'), value: format.number(a.hours) },
          a.materials && { label: t('fields.materials'), value: a.materials },
          a.submittedAt && { label: t('finalAccounts.submittedAt'), value: format.dateTime(a.submittedAt) },
          a.serviceHead && {
            label: t('finalAccounts.serviceHeadDecision'),
            value: `${a.serviceHead.label}, ${format.dateTime(a.serviceHeadAt)}`,
          },
          a.decidedBy && { label: t('finalAccounts.decidedBy'), value: `${a.decidedBy.label}, ${format.dateTime(a.decidedAt)}` },
        ]}
      />

      {a.lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('finalAccounts.editor.noLines')}
        </Text>
      ) : (
        <ScrollBox label={t('finalAccounts.lines')} minWidth={640}>
          <Table striped withTableBorder aria-label={t('finalAccounts.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('quote.code')}</Table.Th>
                <Table.Th>{t('quote.description')}</Table.Th>
                <Table.Th>{t('quote.category')}</Table.Th>
                <Table.Th ta="right">{t('quote.quantity')}</Table.Th>
                <Table.Th>{t('quote.unit')}</Table.Th>
                <Table.Th ta="right">{t('quote.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('quote.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {l.code ?? (l.analysis ? t('finalAccounts.editor.kind.analysis') : t('quote.freeLine'))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {l.description}
                    </Text>
                    {l.analysis && (
                      <Text size="xs" c="dimmed">
                        {t('finalAccounts.analysisLine', {
                          materials: format.euro(l.analysis.materialsCents),
                          labour: format.euro(l.analysis.labourCents),
                          equipment: format.euro(l.analysis.equipmentCents),
                          overheads: percent(l.analysis.overheadsBp),
                          profit: percent(l.analysis.profitBp),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`quote.categories.${l.category}`)}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.quantity(l.quantity)}
                  </Table.Td>
                  <Table.Td>{l.unit}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(l.unitPriceCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    {format.euro(l.amountCents)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}

      <QuoteTotals totals={a} discountPercent={a.discountBp / 100} vatPercent={a.vatBp / 100} label={t('finalAccounts.totals')} />
      {a.basis === 'flat_fee' ? (
        <Text size="sm">{t('finalAccounts.flatFeeNote')}</Text>
      ) : (
        <Table withTableBorder aria-label={t('finalAccounts.compared')} maw={520} data-testid="final-account-compared">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('finalAccounts.approvedNet')}</Table.Th>
              <Table.Td ta="right" className="tabular-nums">
                {format.euro(a.approvedNetCents)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('finalAccounts.net')}</Table.Th>
              <Table.Td ta="right" className="tabular-nums">
                {format.euro(a.netCents)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('finalAccounts.variance')}</Table.Th>
              <Table.Td ta="right" className="tabular-nums">
                {format.euro(a.netCents - (a.approvedNetCents ?? 0))}
                {a.approvedNetCents ? ` (${format.number(((a.netCents - a.approvedNetCents) * 100) / a.approvedNetCents)} %)` : ''}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('finalAccounts.threshold')}</Table.Th>
              <Table.Td ta="right" className="tabular-nums">
                {percent(a.contract.varianceThresholdBp)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      {a.varianceReason && (
        <Text size="sm">
          <strong>{t('finalAccounts.varianceReason')}:</strong> {a.varianceReason}
        </Text>
      )}

      {(a.canEdit || a.availableActions.length > 0) && (
        <Group gap="sm">
          {a.canEdit && (
            <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('finalAccounts.edit')}
            </Button>
          )}
          {a.availableActions.map((action) => (
            <Button
              key={action}
              variant={action.startsWith('return') ? 'default' : 'filled'}
              leftSection={
                action === 'submit' ? (
                  <IconSend size={16} aria-hidden />
                ) : action.startsWith('approve') ? (
                  <IconCheck size={16} aria-hidden />
                ) : (
                  <IconArrowBackUp size={16} aria-hidden />
                )
              }
              onClick={() => setDeciding(action)}
            >
              {t(`finalAccounts.actions.${action}`)}
            </Button>
          ))}
        </Group>
      )}
      {editing && <FinalAccountEditor account={a} onClose={() => setEditing(false)} />}
      {deciding === 'submit' && <SubmitDialog account={a} onClose={() => setDeciding(null)} />}
      {deciding && deciding !== 'submit' && <DecisionDialog account={a} action={deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

/** The contractor sends the final account: a net different from the approved quote needs its reason. */
function SubmitDialog({ account: a, onClose }: { account: FinalAccount; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const mutation = useFinalAccountAction();
  const needsReason = hasVariance(a);
  const [reason, setReason] = useState(a.varianceReason ?? '');
  const [touched, setTouched] = useState(false);
  const missing = needsReason && reason.trim() === '';
  const delta = a.netCents - (a.approvedNetCents ?? 0);
  const overThreshold = !!a.approvedNetCents && Math.abs(delta) * 10_000 > a.contract.varianceThresholdBp * a.approvedNetCents;

  const submit = () => {
    setTouched(true);
    if (missing) return;
    mutation.mutate(
      { account: a, action: 'submit', varianceReason: needsReason ? reason.trim() : undefined },
      {
        onSuccess: () => {
          notify(t('finalAccounts.done.submit', { number: a.workOrder.number }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${t('finalAccounts.actions.submit')} — ${a.workOrder.number}`}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('finalAccounts.submitSummary', { net: format.euro(a.netCents), total: format.euro(a.totalCents) })}</Text>
          {needsReason && (
            <>
              <Alert color={overThreshold ? 'orange' : 'blue'} variant="light">
                {t(overThreshold ? 'finalAccounts.varianceOver' : 'finalAccounts.varianceUnder', {
                  delta: format.euro(delta),
                  approved: format.euro(a.approvedNetCents),
                  percent: `${format.number(a.contract.varianceThresholdBp / 100)} %`,
                })}
              </Alert>
              <Textarea
                label={t('finalAccounts.varianceReason')}
                withAsterisk
                aria-required
                autosize
                minRows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={touched && missing ? t('form.required') : undefined}
                data-autofocus
              />
            </>
          )}
          {mutation.error &&
            (isVersionConflict(mutation.error) ? <VersionConflictAlert onReload={onClose} /> : <ProblemAlert error={mutation.error} />)}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('finalAccounts.actions.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
