import type { ReactNode } from 'react';
import { Anchor, Button } from '@mantine/core';
import { IconDatabaseOff, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENTITY_API, useRegistryList } from '../../api/registry';
import type { QueryParams } from '../../api/client';
import type { RegistryItem } from '../../api/types';
import { useMe } from '../../api/me';
import { seesInactive } from '../../app/permissions';
import { ActiveFilterControl } from '../../components/ActiveFilterControl';
import { ListFilterBar } from '../../components/list/ListFilterBar';
import { ListPage } from '../../components/list/ListPage';
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
  /** The page header, when the list is the page (RegistryListPage). */
  header?: { title: string; description?: string; actions?: ReactNode };
}

/** Filters (search, active, extra), the table and the empty state of one registry list. */
export function RegistryList<T extends RegistryItem>({ config, paramPrefix = '', canCreate, header }: RegistryListProps<T>) {
  const t = useT();
  const { i18n } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const params = useListParams(paramPrefix);
  const withActive = seesInactive(me);

  const q = params.get('q') ?? '';
  const active = parseActive(params.get('active'));
  const extra = (config.filters ?? []).map((f) => ({ def: f, value: params.get(f.param) }));
  const filterNames = ['q', 'active', ...(config.filters ?? []).map((f) => f.param)];
  const filtered = q !== '' || active !== 'true' || extra.some((e) => e.value);

  const query: QueryParams = { ...config.fixedParams, q: q || undefined, active: withActive ? active : undefined };
  for (const e of extra) if (e.value) query[e.def.param] = e.value;

  const list = useRegistryList<T>(ENTITY_API[config.entity], query);

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

  const title = t(`entities.${config.entity}.title`);
  return (
    <ListPage<T>
      header={header}
      label={title}
      filters={
        <ListFilterBar
          label={t('list.filtersOf', { what: title })}
          search={{ description: t(`entities.${config.entity}.searchHint`), value: q, onChange: (v) => params.set('q', v) }}
        >
          {extra.map(({ def, value }) => (
            <ListFilterField key={def.param} def={def} value={value} onChange={(v) => params.set(def.param, v)} />
          ))}
          {withActive && <ActiveFilterControl value={active} onChange={(v) => params.set('active', v === 'true' ? null : v)} />}
        </ListFilterBar>
      }
      list={list}
      columns={columns}
      filtered={filtered}
      onClearFilters={() => params.clear(filterNames)}
      empty={{
        icon: <IconDatabaseOff size={28} aria-hidden />,
        title: t(`entities.${config.entity}.emptyTitle`),
        description: t(`entities.${config.entity}.emptyDescription`),
        action: canCreate ? <NewEntityButton config={config} /> : undefined,
      }}
    />
  );
}

/** "New …" for a registry entity, when it has a creation page. */
export function NewEntityButton<T extends RegistryItem>({ config }: { config: RegistryListConfig<T> }) {
  const t = useT();
  if (!config.newPath) return null;
  return (
    <Button component={Link} to={config.newPath} leftSection={<IconPlus size={16} aria-hidden />}>
      {t(`entities.${config.entity}.new`)}
    </Button>
  );
}
