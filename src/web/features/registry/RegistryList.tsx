import { useMemo, useState } from 'react';
import { Anchor, Button, Card, EmptyState, Group } from '@mantine/core';
import { IconDatabaseOff, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENTITY_API, useRegistryList } from '../../api/registry';
import type { QueryParams } from '../../api/client';
import type { RegistryItem } from '../../api/types';
import { useMe } from '../../api/me';
import { seesInactive } from '../../app/permissions';
import { ActiveFilterControl } from '../../components/ActiveFilterControl';
import { EntityTable } from '../../components/EntityTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ListFilterField } from './ListFilterField';
import type { RegistryListConfig } from './types';
import { parseActive, useListParams } from './useListParams';

interface RegistryListProps<T extends RegistryItem> {
  config: RegistryListConfig<T>;
  /** Separates the URL params of two lists on one page. */
  paramPrefix?: string;
  /** Offer "New …" in the empty state. */
  canCreate?: boolean;
}

/** Filters (search, active, extra), the table and the empty state of one registry list. */
export function RegistryList<T extends RegistryItem>({ config, paramPrefix = '', canCreate }: RegistryListProps<T>) {
  const t = useT();
  const { i18n } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const params = useListParams(paramPrefix);
  const withActive = seesInactive(me);
  // Clearing the filters also empties the search box, which keeps its own text while typing.
  const [searchKey, setSearchKey] = useState(0);

  const q = params.get('q') ?? '';
  const active = parseActive(params.get('active'));
  const extra = (config.filters ?? []).map((f) => ({ def: f, value: params.get(f.param) }));
  const filterNames = ['q', 'active', ...(config.filters ?? []).map((f) => f.param)];
  const filtered = q !== '' || active !== 'true' || extra.some((e) => e.value);

  const query: QueryParams = { ...config.fixedParams, q: q || undefined, active: withActive ? active : undefined };
  for (const e of extra) if (e.value) query[e.def.param] = e.value;

  const list = useRegistryList<T>(ENTITY_API[config.entity], query);
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns = config
    .columns({
      t,
      format,
      language: i18n.language,
      link: (item, text) => (
        <Anchor component={Link} to={config.itemPath(item)} fw={600}>
          {text}
        </Anchor>
      ),
    })
    // Status means nothing to those who only ever see active objects.
    .filter((c) => withActive || c.accessor !== 'active')
    // Codes and status badges stay on one line.
    .map((c, i) => {
      if (c.ellipsis) return c;
      if (c.accessor === 'active') return { ...c, noWrap: true, width: 140 } as typeof c;
      return i === 0 ? ({ ...c, noWrap: true } as typeof c) : c;
    });

  const empty = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : <IconDatabaseOff size={28} aria-hidden />}
        title={filtered ? t('list.emptyFilteredTitle') : t(`entities.${config.entity}.emptyTitle`)}
        description={filtered ? t('list.emptyFilteredDescription') : t(`entities.${config.entity}.emptyDescription`)}
      >
        <Group justify="center" mt="md">
          {filtered && (
            <Button
              variant="default"
              onClick={() => {
                params.clear(filterNames);
                setSearchKey((k) => k + 1);
              }}
              leftSection={<IconFilterOff size={16} aria-hidden />}
            >
              {t('list.clearFilters')}
            </Button>
          )}
          {!filtered && canCreate && config.newPath && (
            <Button component={Link} to={config.newPath} leftSection={<IconPlus size={16} aria-hidden />}>
              {t(`entities.${config.entity}.new`)}
            </Button>
          )}
        </Group>
      </EmptyState>
    </Card>
  );

  return (
    <>
      <Group
        component="search"
        align="flex-end"
        gap="md"
        mb="md"
        wrap="wrap"
        aria-label={t('list.filtersOf', { what: t(`entities.${config.entity}.title`) })}
      >
        <SearchInput
          key={searchKey}
          label={t('list.search')}
          description={t(`entities.${config.entity}.searchHint`)}
          value={q}
          onChange={(v) => params.set('q', v)}
        />
        {extra.map(({ def, value }) => (
          <ListFilterField key={def.param} def={def} value={value} onChange={(v) => params.set(def.param, v)} />
        ))}
        {withActive && <ActiveFilterControl value={active} onChange={(v) => params.set('active', v === 'true' ? null : v)} />}
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<T>
          label={t(`entities.${config.entity}.title`)}
          records={records}
          columns={columns}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={empty}
        />
      )}
    </>
  );
}
