import { useState } from 'react';
import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QueryParams } from '../api/client';
import { ENTITY_API, useRegistryItem } from '../api/registry';
import type { RegistryItem } from '../api/types';
import { entityLabel } from './entityLabels';
import type { EntityKey } from '../app/permissions';
import { useT } from '../i18n/messages';
import { useEntityOptions } from './useEntityOptions';

type BaseSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'>;

interface EntitySelectProps extends BaseSelectProps {
  entity: EntityKey;
  value?: string | null;
  onChange: (value: string | null) => void;
  params?: QueryParams;
}

/** A searchable select of one registry object; the server does the searching. */
export function EntitySelect({ entity, value = null, onChange, params, ...rest }: EntitySelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const { i18n } = useTranslation();
  const selected = useRegistryItem<RegistryItem>(ENTITY_API[entity], value);
  const selectedLabel = selected.data ? entityLabel(entity, selected.data, i18n.language) : undefined;
  // While the box shows the chosen label, list everything rather than searching for that label.
  const effectiveSearch = search === selectedLabel ? '' : search;
  const { options, loading } = useEntityOptions(entity, effectiveSearch, value ? [value] : [], params, !rest.disabled);
  return (
    <Select
      searchable
      clearable={!rest.required}
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? t('common.loadingShort') : t('common.noOptions')}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}

const EMPTY: string[] = [];

type BaseMultiProps = Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'>;

interface EntityMultiSelectProps extends BaseMultiProps {
  entity: EntityKey;
  value?: string[];
  onChange: (value: string[]) => void;
  params?: QueryParams;
}

/** A searchable multi-select of registry objects; the server does the searching. */
export function EntityMultiSelect({ entity, value = EMPTY, onChange, params, ...rest }: EntityMultiSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const { options, loading } = useEntityOptions(entity, search, value, params, !rest.disabled);
  return (
    <MultiSelect
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? t('common.loadingShort') : t('common.noOptions')}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      comboboxProps={{ withinPortal: true }}
      hidePickedOptions={false}
      {...rest}
    />
  );
}
