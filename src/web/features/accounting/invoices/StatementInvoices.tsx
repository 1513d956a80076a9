import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useInvoices } from '../../../api/invoices';
import { useMe } from '../../../api/me';
import { hasRole } from '../../../app/permissions';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';
import { MatchBadge, InvoiceStatusBadge } from './badges';
import { RegisterInvoiceButton } from './RegisterInvoiceButton';

/**
 * The invoices registered against one approved statement (#10 items 4–5), on the statement's page:
 * accounting registers the contractor's invoice from here, with the statement already chosen.
 */
export function StatementInvoices({ statementId }: { statementId: string }) {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const list = useInvoices({ statementId });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const paid = items.some((i) => i.status === 'accepted');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="statement-invoices">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="statement-invoices">
          {t('invoices.ofStatement')}
        </Title>
        {hasRole(me, 'accounting', 'admin') && !paid && <RegisterInvoiceButton statementId={statementId} />}
      </Group>
      {items.length === 0 ? (
        <Text size="sm">{list.isPending ? t('common.loading') : t('invoices.noneForStatement')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('invoices.fields.number')}</Table.Th>
              <Table.Th scope="col">{t('invoices.fields.issueDate')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('invoices.fields.totalCents')}
              </Table.Th>
              <Table.Th scope="col">{t('invoices.match')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounting/invoices/${i.id}`} fw={600}>
                    {i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{format.date(i.issueDate)}</Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {format.euro(i.totalCents)}
                </Table.Td>
                <Table.Td>
                  <MatchBadge invoice={i} />
                </Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge status={i.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
