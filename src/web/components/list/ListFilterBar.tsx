import type { ReactNode } from 'react';
import { Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useT } from '../../i18n/messages';
import { SearchInput } from '../SearchInput';

interface ListFilterBarProps {
  /** The search landmark's name ("Filters: Tickets"). */
  label: string;
  /** The search box, first of the fields; its value lives in the URL. */
  search: { description: string; value: string; onChange: (value: string) => void };
  /** The other fields, after the search box. */
  children?: ReactNode;
  /** Many fields: a responsive grid rather than one wrapping row. */
  grid?: boolean;
  /** Shown as "Clear filters" under the fields when given (some filter or order is set). */
  onClear?: () => void;
}

/** The filter bar of a list page: search box, the list's own fields, and "clear filters". */
export function ListFilterBar({ label, search, children, grid, onClear }: ListFilterBarProps) {
  const t = useT();
  const fields = (
    <>
      <SearchInput label={t('list.search')} description={search.description} value={search.value} onChange={search.onChange} />
      {children}
    </>
  );
  return (
    <Stack gap="sm" component="search" aria-label={label} mb="md">
      {grid ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {fields}
        </SimpleGrid>
      ) : (
        <Group align="flex-end" gap="md" wrap="wrap">
          {fields}
        </Group>
      )}
      {onClear && (
        <Group>
          <Button variant="default" size="xs" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={onClear}>
            {t('list.clearFilters')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
