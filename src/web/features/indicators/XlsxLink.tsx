import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useT } from '../../i18n/messages';

/** The small "XLSX" download of one view; `label` names the view for screen readers. */
export function XlsxLink({ href, label }: { href: string; label: string }) {
  const t = useT();
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      size="xs"
      leftSection={<IconFileSpreadsheet size={14} aria-hidden />}
      aria-label={label}
    >
      {t('indicators.xlsx')}
    </Button>
  );
}
