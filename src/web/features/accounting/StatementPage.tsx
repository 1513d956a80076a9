import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Loader, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileSpreadsheet, IconFileTypePdf, IconRefresh, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { isVersionConflict } from '../../api/problem';
import {
  statementExportUrl,
  useStatement,
  useStatementAction,
  type Statement,
  type StatementAction,
  type StatementTotals,
} from '../../api/statements';
import { notify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { VersionConflictAlert } from '../../components/VersionConflictAlert';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { useMe } from '../../api/me';
import { canSeeInvoices } from '../../app/permissions';
import { StatementInvoices } from './invoices/StatementInvoices';
import { DurcBadge, StatementStatusBadge } from './StatementBadges';

/** The totals in the order of the document; the emphasised ones are the sums. */
const TOTALS: ReadonlyArray<{ key: Exclude<keyof StatementTotals, 'vatBp' | 'penaltiesCents'>; strong?: boolean; minus?: boolean }> = [
  { key: 'flatFeeCents' },
  { key: 'extraFeeCents' },
  { key: 'rewardsCents' },
  { key: 'grossCents', strong: true },
  { key: 'penaltiesDeductedCents', minus: true },
  { key: 'penaltiesCarriedCents' },
  { key: 'netCents', strong: true },
  { key: 'previousNetCents' },
  { key: 'progressiveNetCents' },
  { key: 'withheldCents', minus: true },
  { key: 'releasedCents' },
  { key: 'taxableCents', strong: true },
  { key: 'vatCents' },
  { key: 'totalCents', strong: true },
];

/**
 * One monthly statement (#10 item 4): its totals, the DURC, and every item with the work order,
 * final account or penalty behind it (drill-down from each euro); accounting refreshes, approves
 * (with confirmation) or discards a draft; PDF and XLSX.
 */
export function StatementPage() {
  const t = useT();
  const format = useFormat();
  const { id = '' } = useParams();
  const q = useStatement(id);
  const [confirm, setConfirm] = useState<StatementAction | null>(null);
  const { data: me } = useMe();
  if (q.isError) return <ProblemAlert error={q.error} />;
  if (!q.data) return <Loader aria-label={t('common.loading')} />;
  const s = q.data;
  const title = t('statements.titleOne', { number: s.number, lot: s.contract.lot, month: format.month(s.period) });
  const blocked = s.status === 'draft' && (s.durc.state === 'expired' || s.durc.state === 'missing');

  return (
    <>
      <PageHeader
        title={title}
        description={`${s.contract.title} — CIG ${s.contract.cig}`}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={statementExportUrl(s.id, 'pdf')}
              download
              variant="default"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
            >
              {t('statements.pdf')}
            </Button>
            <Button
              component="a"
              href={statementExportUrl(s.id, 'xlsx')}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {t('statements.xlsx')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="sm">
          <StatementStatusBadge status={s.status} />
          {s.final && <Text fw={600}>{t('statements.final')}</Text>}
          <Text size="sm">
            {s.contractor.name} · {t('statements.vatNumber', { vat: s.contractor.vatNumber })}
          </Text>
          <Group gap={4}>
            <Text size="sm">{t('statements.durc')}:</Text>
            <DurcBadge durc={s.durc} />
          </Group>
        </Group>
        {blocked && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('statements.durcBlockedTitle')}>
            {t(s.durc.state === 'missing' ? 'statements.durcMissingText' : 'statements.durcExpiredText', {
              contractor: s.contractor.name,
              date: format.date(s.durc.validUntil),
            })}
          </Alert>
        )}
        {s.status === 'draft' && s.durc.state === 'expiring' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('statements.durcExpiringTitle')}>
            {t('statements.durcExpiringText', { date: format.date(s.durc.validUntil) })}
          </Alert>
        )}
        {s.status === 'approved' && (
          <Text size="sm">{t('statements.approvedBy', { name: s.approvedBy?.label ?? '—', at: format.dateTime(s.approvedAt) })}</Text>
        )}
        {s.availableActions.length > 0 && (
          <Group gap="sm">
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => setConfirm('refresh')}>
              {t('statements.actions.refresh')}
            </Button>
            <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setConfirm('approve')}>
              {t('statements.actions.approve')}
            </Button>
            <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirm('discard')}>
              {t('statements.actions.discard')}
            </Button>
          </Group>
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Card withBorder padding="md" component="section" aria-labelledby="statement-totals">
            <Title order={2} size="h4" id="statement-totals" mb="xs">
              {t('statements.totalsTitle')}
            </Title>
            <Table>
              <Table.Tbody>
                {TOTALS.map(({ key, strong, minus }) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={strong ? 700 : 400}>
                      {key === 'vatCents'
                        ? t('statements.totals.vatAt', { rate: format.number(s.totals.vatBp / 100) })
                        : t(`statements.totals.${key}`)}
                    </Table.Th>
                    <Table.Td ta="right" className="tabular-nums" fw={strong ? 700 : 400}>
                      {minus && s.totals[key] !== 0 ? `− ${format.euro(s.totals[key])}` : format.euro(s.totals[key])}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="statement-items">
            <Title order={2} size="h4" id="statement-items" mb="xs">
              {t('statements.itemsTitle')}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('statements.item')}</Table.Th>
                  <Table.Th scope="col">{t('statements.reference')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('statements.amount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(s.items ?? []).map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{t(`statements.kinds.${i.kind}`)}</Table.Td>
                    <Table.Td>
                      {i.workOrder ? (
                        <Stack gap={0}>
                          <Anchor component={Link} to={`/work-orders/${i.workOrder.id}`} fw={600}>
                            {i.workOrder.number}
                          </Anchor>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {i.workOrder.description}
                          </Text>
                          {i.penaltyId && (
                            <Anchor component={Link} to={`/penalties/${i.penaltyId}`} size="xs">
                              {t('statements.penaltyOf', { month: format.month(i.penaltyPeriod) })}
                            </Anchor>
                          )}
                        </Stack>
                      ) : i.penaltyId ? (
                        <Anchor component={Link} to={`/penalties/${i.penaltyId}`}>
                          {t('statements.penaltyOf', { month: format.month(i.penaltyPeriod) })}
                        </Anchor>
                      ) : i.kind === 'flat_fee' || i.kind === 'withholding_release' ? (
                        format.month(i.description)
                      ) : (
                        i.description
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {format.euro(i.amountCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </SimpleGrid>
        {s.status === 'approved' && canSeeInvoices(me) && <StatementInvoices statementId={s.id} />}
        <Anchor component={Link} to="/accounting/statements">
          {t('statements.backToList')}
        </Anchor>
      </Stack>
      {confirm && <ConfirmDialog statement={s} action={confirm} onClose={() => setConfirm(null)} />}
    </>
  );
}

function ConfirmDialog({ statement, action, onClose }: { statement: Statement; action: StatementAction; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const mutation = useStatementAction();
  const params = { number: statement.number, lot: statement.contract.lot, total: format.euro(statement.totals.totalCents) };
  const submit = () =>
    mutation.mutate(
      { statement, action },
      {
        onSuccess: () => {
          notify(t(`statements.done.${action}`, params));
          onClose();
          if (action === 'discard') void navigate('/accounting/statements');
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t(`statements.actions.${action}`)} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text>{t(`statements.confirm.${action}`, params)}</Text>
          {mutation.error &&
            (isVersionConflict(mutation.error) ? <VersionConflictAlert onReload={onClose} /> : <ProblemAlert error={mutation.error} />)}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} color={action === 'discard' ? 'red' : undefined} data-autofocus>
              {t(`statements.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
