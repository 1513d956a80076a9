import { Select } from '@mantine/core';
import { EntitySelect } from '../../components/EntitySelect';
import { useT } from '../../i18n/messages';
import type { ListFilterDef } from './types';

/** One extra filter of a list (a site, a contractor, a role…). */
export function ListFilterField({
  def,
  value,
  onChange,
}: {
  def: ListFilterDef;
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const t = useT();
  if (def.kind === 'entity') {
    return (
      <EntitySelect
        entity={def.entity}
        label={t(def.label)}
        placeholder={t('list.any')}
        value={value}
        onChange={onChange}
        params={{ active: 'all', ...def.params }}
        miw={220}
      />
    );
  }
  return (
    <Select
      label={t(def.label)}
      placeholder={t('list.any')}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      data={def.options.map((o) => ({ value: o.value, label: t(o.label) }))}
      value={value}
      onChange={onChange}
      miw={200}
    />
  );
}
