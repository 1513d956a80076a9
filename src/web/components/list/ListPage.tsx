import { useMemo, type ReactNode } from 'react';
import { Button, Card, EmptyState, Group } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { useT } from '../../i18n/messages';
import { EntityTable } from '../EntityTable';
import { PageHeader } from '../PageHeader';
import { ProblemAlert } from '../ProblemAlert';

/** What the list page needs of a keyset-paginated query (react-query's useInfiniteQuery fits). */
export interface PagedList<T> {
  data?: { pages: ReadonlyArray<{ items: T[] }> };
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The empty state when no filter is set: what the list is for and what to do next. */
export interface ListEmpty {
  icon: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
}

interface ListPageProps<T extends { id: string }> {
  /** The page's title and its actions (export, "New …"); none when the list sits inside another page. */
  header?: { title: string; description?: string; actions?: ReactNode };
  /** The table's accessible name. */
  label: string;
  /** The filter bar (usually a ListFilterBar), above the table. */
  filters: ReactNode;
  /** A line between filters and table (the count). */
  summary?: ReactNode;
  list: PagedList<T>;
  columns: DataTableColumn<T>[];
  /** Whether a filter narrows the list: then the empty state offers to clear them. */
  filtered: boolean;
  onClearFilters: () => void;
  empty: ListEmpty;
}

/**
 * One list page for tickets, work orders and the registry: header, filter bar, count, the table
 * with "load more", an error in place of the table, and an empty state that says why it is empty
 * (nothing yet, or the filters) and what to do.
 */
export function ListPage<T extends { id: string }>({
  header,
  label,
  filters,
  summary,
  list,
  columns,
  filtered,
  onClearFilters,
  empty,
}: ListPageProps<T>) {
  const t = useT();
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const emptyState = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : empty.icon}
        title={filtered ? t('list.emptyFilteredTitle') : empty.title}
        description={filtered ? t('list.emptyFilteredDescription') : empty.description}
      >
        {(filtered || empty.action) && (
          <Group justify="center" mt="md">
            {filtered ? (
              <Button variant="default" onClick={onClearFilters} leftSection={<IconFilterOff size={16} aria-hidden />}>
                {t('list.clearFilters')}
              </Button>
            ) : (
              empty.action
            )}
          </Group>
        )}
      </EmptyState>
    </Card>
  );
  return (
    <>
      {header && <PageHeader title={header.title} description={header.description} actions={header.actions} />}
      {filters}
      {summary && (
        <Group justify="space-between" mb="xs">
          {summary}
        </Group>
      )}
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<T>
          label={label}
          records={records}
          columns={columns}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={emptyState}
        />
      )}
    </>
  );
}
