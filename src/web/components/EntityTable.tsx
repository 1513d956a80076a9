import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { IconChevronDown } from '@tabler/icons-react';
import { useT } from '../i18n/messages';
// Its CSS comes with the first table, not with the login page (#12).
import 'mantine-datatable/styles.layer.css';

interface EntityTableProps<T extends { id: string }> {
  label: string;
  records: T[];
  columns: DataTableColumn<T>[];
  fetching: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
}

/**
 * A registry table: rows loaded so far, how many are shown, and "load more" while the server
 * has a next page (keyset pagination). Rows open through a link in their first cell.
 */
export function EntityTable<T extends { id: string }>({
  label,
  records,
  columns,
  fetching,
  hasMore,
  loadingMore,
  onLoadMore,
  empty,
}: EntityTableProps<T>) {
  const t = useT();
  // An empty list is a message with what to do next, not an empty grid.
  if (records.length === 0 && !fetching) return <>{empty}</>;
  return (
    <Stack gap="sm">
      <DataTable<T>
        aria-label={label}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing="xs"
        minHeight={records.length === 0 ? 220 : undefined}
        records={records}
        columns={columns}
        idAccessor="id"
        fetching={fetching && records.length === 0}
        loaderType="dots"
        noRecordsText={t('list.loading')}
      />
      <Group justify="space-between" gap="sm">
        <Text size="sm" role="status" aria-live="polite" className="tabular-nums">
          {records.length > 0
            ? hasMore
              ? t('list.shownMore', { count: records.length })
              : t('list.shown', { count: records.length })
            : ''}
        </Text>
        {hasMore && (
          <Button variant="light" onClick={onLoadMore} loading={loadingMore} leftSection={<IconChevronDown size={16} aria-hidden />}>
            {t('list.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
