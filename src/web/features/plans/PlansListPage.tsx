import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, EmptyState, Group, Text } from '@mantine/core';
import { IconDatabaseOff, IconFilterOff, IconGauge, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { useRegistryList } from '../../api/registry';
import type { QueryParams } from '../../api/client';
import { PLANS_API, SCHEDULE_KINDS, type Plan } from '../../api/plans';
import { ActiveBadge } from '../../components/ActiveBadge';
import { ActiveFilterControl } from '../../components/ActiveFilterControl';
import { EntityTable } from '../../components/EntityTable';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { ListFilterField } from '../registry/ListFilterField';
import { parseActive, useListParams } from '../registry/useListParams';
import { canWritePlans } from './access';

/** Maintenance plans with their filters in the URL (search, building, class, kind, status). */
export function PlansListPage() {
  const t = useT();
  const format = useFormat();
  const { data: me } = useMe();
  const params = useListParams();
  const [searchKey, setSearchKey] = useState(0);
  const q = params.get('q') ?? '';
  const active = parseActive(params.get('active'));
  const filters = ['buildingId', 'technologyClassId', 'scheduleKind'] as const;
  const query: QueryParams = { q: q || undefined, active };
  for (const f of filters) query[f] = params.get(f) ?? undefined;
  const filtered = q !== '' || active !== 'true' || filters.some((f) => params.get(f));

  const list = useRegistryList<Plan>(PLANS_API, query);
  const records = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const mayCreate = canWritePlans(me);

  const empty = (
    <Card withBorder padding="xl">
      <EmptyState
        icon={filtered ? <IconFilterOff size={28} aria-hidden /> : <IconDatabaseOff size={28} aria-hidden />}
        title={filtered ? t('list.emptyFilteredTitle') : t('plans.emptyTitle')}
        description={filtered ? t('list.emptyFilteredDescription') : t('plans.emptyDescription')}
      >
        {filtered && (
          <Group justify="center" mt="md">
            <Button
              variant="default"
              leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => {
                params.clear(['q', 'active', ...filters]);
                setSearchKey((k) => k + 1);
              }}
            >
              {t('list.clearFilters')}
            </Button>
          </Group>
        )}
      </EmptyState>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/meters" variant="default" leftSection={<IconGauge size={16} aria-hidden />}>
              {t('meters.title')}
            </Button>
            {mayCreate && (
              <Button component={Link} to="/plans/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('plans.new')}
              </Button>
            )}
          </Group>
        }
      />
      <Group component="search" align="flex-end" gap="md" mb="md" wrap="wrap" aria-label={t('list.filtersOf', { what: t('plans.title') })}>
        <SearchInput
          key={searchKey}
          label={t('list.search')}
          description={t('plans.searchHint')}
          value={q}
          onChange={(v) => params.set('q', v)}
        />
        <ListFilterField
          def={{ kind: 'entity', param: 'buildingId', label: 'plans.fields.buildingId', entity: 'buildings' }}
          value={params.get('buildingId')}
          onChange={(v) => params.set('buildingId', v)}
        />
        <ListFilterField
          def={{ kind: 'entity', param: 'technologyClassId', label: 'plans.fields.technologyClassId', entity: 'technologyClasses' }}
          value={params.get('technologyClassId')}
          onChange={(v) => params.set('technologyClassId', v)}
        />
        <ListFilterField
          def={{
            kind: 'options',
            param: 'scheduleKind',
            label: 'plans.fields.scheduleKind',
            options: SCHEDULE_KINDS.map((k) => ({ value: k, label: `plans.kinds.${k}` as const })),
          }}
          value={params.get('scheduleKind')}
          onChange={(v) => params.set('scheduleKind', v)}
        />
        <ActiveFilterControl value={active} onChange={(v) => params.set('active', v === 'true' ? null : v)} />
      </Group>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <EntityTable<Plan>
          label={t('plans.title')}
          records={records}
          fetching={list.isFetching}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          empty={empty}
          columns={[
            {
              accessor: 'code',
              title: t('plans.fields.code'),
              noWrap: true,
              render: (p) => (
                <Anchor component={Link} to={`/plans/${p.id}`} fw={600}>
                  {p.code}
                </Anchor>
              ),
            },
            { accessor: 'activity', title: t('plans.fields.activity') },
            { accessor: 'buildingCode', title: t('plans.fields.buildingId'), noWrap: true },
            { accessor: 'assetName', title: t('plans.fields.assetId'), render: (p) => p.assetName ?? '—' },
            {
              accessor: 'ruleText',
              title: t('plans.fields.rule'),
              render: (p) => (
                <>
                  <Badge variant="light" size="sm" mr={6}>
                    {t(`plans.kinds.${p.scheduleKind}`)}
                  </Badge>
                  <Text span size="sm">
                    {p.ruleText}
                  </Text>
                </>
              ),
            },
            { accessor: 'nextDue', title: t('plans.fields.nextDue'), noWrap: true, render: (p) => format.date(p.nextDue) },
            { accessor: 'active', title: t('common.status'), noWrap: true, width: 140, render: (p) => <ActiveBadge active={p.active} /> },
          ]}
        />
      )}
    </>
  );
}
