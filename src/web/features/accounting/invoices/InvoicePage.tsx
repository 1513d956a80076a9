import { useState } from 'react';
import { Alert, Anchor, Button, Center, Group, Loader, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload, IconGavel } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { useInvoice, useInvoiceAction, type Invoice, type InvoiceAction, type Mismatch } from '../../../api/invoices';
import { isVersionConflict } from '../../../api/problem';
import { notify } from '../../../components/notify';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { VersionConflictAlert } from '../../../components/VersionConflictAlert';
import { lookup } from '../../../components/workflow/labels';
import { Details, Section } from '../../../components/workflow/Section';
import { useFormat, type Formatters } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';
import { InvoiceStatusBadge, MatchBadge } from './badges';

type T = ReturnType<typeof useT>;
const AMOUNTS: ReadonlySet<string> = new Set(['taxableCents', 'vatCents', 'totalCents']);

/** One value of a difference in words: money for amounts, the collectability's name, the text. */
function shown(t: T, format: Formatters, m: Mismatch, v: string | number | null): string {
  if (v === null || v === '') return '—';
  if (AMOUNTS.has(m.field)) return format.euro(Number(v));
  if (m.field === 'vatCollectability') return lookup(t, `invoices.collectability.${v}`, String(v));
  return String(v);
}

/** An invoice (#10 item 5): its facts, each difference from the statement, accept or dispute. */
export function InvoicePage() {
  const t = useT();
  const { id } = useParams();
  const invoice = useInvoice(id);
  const crumbs = [{ label: t('invoices.title'), to: '/accounting/invoices' }];
  if (invoice.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (invoice.isError)
    return (
      <>
        <PageHeader title={t('invoices.singular')} crumbs={crumbs} />
        <ProblemAlert error={invoice.error} />
      </>
    );
  return <InvoiceView inv={invoice.data} crumbs={crumbs} />;
}

function InvoiceView({ inv, crumbs }: { inv: Invoice; crumbs: Array<{ label: string; to: string }> }) {
  const t = useT();
  const format = useFormat();
  const [action, setAction] = useState<InvoiceAction | null>(null);
  const collectability = inv.vatCollectability ? lookup(t, `invoices.collectability.${inv.vatCollectability}`, inv.vatCollectability) : '—';

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('invoices.one', { number: inv.number })}
        crumbs={crumbs}
        badge={
          <Group gap="xs">
            <InvoiceStatusBadge status={inv.status} size="lg" />
            <MatchBadge invoice={inv} size="lg" />
          </Group>
        }
        description={`${inv.contract.lot} (CIG ${inv.contract.cig}) · ${inv.contractor.name}`}
        actions={
          inv.availableActions.length > 0 ? (
            <Group gap="sm">
              {inv.availableActions.includes('accept') && (
                <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setAction('accept')}>
                  {t('invoices.actions.accept')}
                </Button>
              )}
              {inv.availableActions.includes('dispute') && (
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconGavel size={16} aria-hidden />}
                  onClick={() => setAction('dispute')}
                >
                  {t('invoices.actions.dispute')}
                </Button>
              )}
            </Group>
          ) : undefined
        }
      />
      {action && <DecisionDialog invoice={inv} action={action} onClose={() => setAction(null)} />}

      <Section title={t('invoices.matchTitle')}>
        {inv.mismatches.length === 0 ? (
          <Alert color="green" variant="light" icon={<IconCheck aria-hidden />}>
            {t('invoices.matchesStatement')}
          </Alert>
        ) : (
          <Stack gap="sm">
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {t('invoices.mismatchExplained')}
            </Alert>
            <Table.ScrollContainer minWidth={600}>
              <Table withTableBorder striped aria-label={t('invoices.matchTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('invoices.mismatch.field')}</Table.Th>
                    <Table.Th scope="col">{t('invoices.mismatch.expected')}</Table.Th>
                    <Table.Th scope="col">{t('invoices.mismatch.actual')}</Table.Th>
                    <Table.Th scope="col" style={{ textAlign: 'right' }}>
                      {t('invoices.mismatch.difference')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {inv.mismatches.map((m) => (
                    <Table.Tr key={m.field}>
                      <Table.Th scope="row">{t(`invoices.fields.${m.field}`)}</Table.Th>
                      <Table.Td className="tabular-nums">{shown(t, format, m, m.expected)}</Table.Td>
                      <Table.Td className="tabular-nums">{shown(t, format, m, m.actual)}</Table.Td>
                      <Table.Td className="tabular-nums" style={{ textAlign: 'right' }}>
                        {m.differenceCents === undefined ? '—' : `${m.differenceCents > 0 ? '+' : ''}${format.euro(m.differenceCents)}`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Section>

      <Section title={t('invoices.details')}>
        <Details
          items={[
            { label: t('invoices.fields.number'), value: inv.number },
            { label: t('invoices.fields.issueDate'), value: format.date(inv.issueDate) },
            { label: t('invoices.fields.supplierVatNumber'), value: inv.supplierVatNumber },
            { label: t('invoices.fields.cig'), value: inv.cig ?? '—' },
            { label: t('invoices.fields.taxableCents'), value: format.euro(inv.taxableCents) },
            { label: t('invoices.fields.vatCents'), value: format.euro(inv.vatCents) },
            { label: t('invoices.fields.totalCents'), value: format.euro(inv.totalCents) },
            { label: t('invoices.fields.vatCollectability'), value: collectability },
            {
              label: t('invoices.statement'),
              value: t('invoices.statementLabel', { number: inv.statement.number, month: format.month(inv.statement.period) }),
            },
            { label: t('invoices.source'), value: t(`invoices.sources.${inv.source}`) },
            inv.file && {
              label: t('invoices.file'),
              value: (
                <Anchor href={inv.file.url} download>
                  <Group gap={4} component="span">
                    <IconDownload size={14} aria-hidden />
                    {inv.file.name}
                  </Group>
                </Anchor>
              ),
            },
            inv.registeredBy && {
              label: t('invoices.registeredBy'),
              value: `${inv.registeredBy.label} · ${format.dateTime(inv.createdAt)}`,
            },
            inv.decidedBy && { label: t('invoices.decidedBy'), value: `${inv.decidedBy.label} · ${format.dateTime(inv.decidedAt)}` },
            inv.disputeReason && { label: t('invoices.disputeReason'), value: inv.disputeReason },
          ]}
        />
      </Section>
    </Stack>
  );
}

/** Accept (a matching invoice), or dispute with the reason the contractor will read. */
function DecisionDialog({ invoice, action, onClose }: { invoice: Invoice; action: InvoiceAction; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const mutation = useInvoiceAction();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const needsReason = action === 'dispute';
  const missing = needsReason && reason.trim() === '';
  const submit = () => {
    setTouched(true);
    if (missing) return;
    mutation.mutate(
      { invoice, action, reason: needsReason ? reason.trim() : undefined },
      {
        onSuccess: () => {
          notify(t(`invoices.done.${action}`, { number: invoice.number }));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${t(`invoices.actions.${action}`)} — ${invoice.number}`}
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
          <Text size="sm">
            {invoice.contractor.name} · {format.euro(invoice.totalCents)}
          </Text>
          {needsReason && (
            <Textarea
              label={t('invoices.disputeReason')}
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
          )}
          {mutation.error &&
            (isVersionConflict(mutation.error) ? <VersionConflictAlert onReload={onClose} /> : <ProblemAlert error={mutation.error} />)}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              color={needsReason ? 'red' : undefined}
              data-autofocus={!needsReason || undefined}
            >
              {t(`invoices.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
