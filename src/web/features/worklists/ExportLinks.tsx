import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import type { QueryParams } from '../../api/client';
import { exportUrl, type Resource } from '../../api/workflow';
import { useT } from '../../i18n/messages';

/** CSV and XLSX of the list as filtered now (same filters, same order): plain download links. */
export function ExportLinks({ resource, query }: { resource: Resource; query: QueryParams }) {
  const t = useT();
  return (
    <Group gap="xs">
      <Button
        component="a"
        href={exportUrl(resource, query, 'csv')}
        download
        variant="default"
        leftSection={<IconFileTypeCsv size={16} aria-hidden />}
      >
        {t('lists.exportCsv')}
      </Button>
      <Button
        component="a"
        href={exportUrl(resource, query, 'xlsx')}
        download
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      >
        {t('lists.exportXlsx')}
      </Button>
    </Group>
  );
}
