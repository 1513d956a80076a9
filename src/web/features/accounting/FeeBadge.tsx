import { Badge } from '@mantine/core';
import type { WorkOrderAmounts } from '../../api/accounting';
import { useT } from '../../i18n/messages';

/** "Extra canone" / "A canone": in words, not colour alone. */
export function FeeBadge({ amounts }: { amounts: WorkOrderAmounts }) {
  const t = useT();
  return (
    <Badge size="sm" variant={amounts.extraFee ? 'light' : 'outline'} color={amounts.extraFee ? 'orange' : 'gray'} tt="none">
      {t(amounts.extraFee ? 'accounting.feeExtra' : 'accounting.feeFlat')}
    </Badge>
  );
}

/** The quote's state in words ("Autorizzato"), or "Nessun preventivo". */
export function quoteStatusText(t: ReturnType<typeof useT>, amounts: WorkOrderAmounts): string {
  return amounts.quoteStatus ? t(`quote.status.${amounts.quoteStatus}`) : t('accounting.noQuote');
}
