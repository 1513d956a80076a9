import { Badge, Stack, Table, Text } from '@mantine/core';
import { ScrollBox } from '../../components/ScrollBox';
import type { QuoteDto } from '../../api/workflow';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';

export interface Totals {
  discountableCents: number;
  discountCents: number;
  undiscountedCents: number;
  netCents: number;
  vatCents: number;
  totalCents: number;
}

/** Totals of a quote: before and after the tender discount, VAT, total. */
export function QuoteTotals({
  totals,
  discountPercent,
  vatPercent,
  label,
}: {
  totals: Totals;
  discountPercent: number;
  vatPercent: number;
  label: string;
}) {
  const t = useT();
  const format = useFormat();
  const rows: Array<[string, number, boolean?]> = [
    [t('quote.discountable'), totals.discountableCents],
    [t('quote.discount', { percent: format.percent(discountPercent) }), -totals.discountCents],
    [t('quote.undiscounted'), totals.undiscountedCents],
    [t('quote.net'), totals.netCents, true],
    [t('quote.vat', { percent: format.percent(vatPercent) }), totals.vatCents],
    [t('quote.total'), totals.totalCents, true],
  ];
  return (
    <Table withTableBorder aria-label={label} maw={520}>
      <Table.Tbody>
        {rows.map(([name, cents, strong]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={strong ? 700 : 400}>
              {name}
            </Table.Th>
            <Table.Td ta="right" className="tabular-nums" fw={strong ? 700 : 400}>
              {format.euro(cents)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A submitted quote: its lines, its totals, and the decision when there is one. */
export function QuoteView({ quote }: { quote: QuoteDto }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack gap="sm">
      <Text size="sm">
        <Badge variant="outline" tt="none" color={quote.status === 'denied' ? 'red' : quote.status === 'approved' ? 'green' : 'orange'}>
          {t(`quote.status.${quote.status}`)}
        </Badge>{' '}
        {t('quote.submittedAt', { date: format.dateTime(quote.createdAt) })}
      </Text>
      <ScrollBox label={t('quote.lines')} minWidth={640}>
        <Table striped withTableBorder aria-label={t('quote.lines')}>
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
            {quote.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.code ?? t('quote.freeLine')}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3}>
                    {l.description}
                  </Text>
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
      <QuoteTotals totals={quote} discountPercent={quote.discountPercent} vatPercent={quote.vatPercent} label={t('quote.totals')} />
      {quote.note && (
        <Text size="sm">
          <Text span fw={600} inherit>
            {t('quote.note')}:
          </Text>{' '}
          {quote.note}
        </Text>
      )}
      {quote.decidedAt && (
        <Text size="sm">
          {t('quote.decided', { who: quote.decidedBy?.label ?? '—', date: format.dateTime(quote.decidedAt) })}
          {quote.decisionReason ? ` ${t('quote.reason', { reason: quote.decisionReason })}` : ''}
        </Text>
      )}
    </Stack>
  );
}
