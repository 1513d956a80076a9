import { Badge } from '@mantine/core';
import type { Invoice, InvoiceState } from '../../../api/invoices';
import { useT } from '../../../i18n/messages';

const STATE_COLOR: Record<InvoiceState, string> = { registered: 'blue', accepted: 'green', disputed: 'red' };

export function InvoiceStatusBadge({ status, size = 'sm' }: { status: InvoiceState; size?: 'sm' | 'lg' }) {
  const t = useT();
  return (
    <Badge variant="light" color={STATE_COLOR[status]} size={size}>
      {t(`invoices.states.${status}`)}
    </Badge>
  );
}

/** Whether the invoice matches its statement to the cent; otherwise how many differences. */
export function MatchBadge({ invoice, size = 'sm' }: { invoice: Pick<Invoice, 'matched' | 'mismatches'>; size?: 'sm' | 'lg' }) {
  const t = useT();
  return invoice.matched ? (
    <Badge variant="outline" color="green" size={size}>
      {t('invoices.matched')}
    </Badge>
  ) : (
    <Badge variant="filled" color="red" size={size}>
      {t('invoices.mismatched', { count: invoice.mismatches.length })}
    </Badge>
  );
}
