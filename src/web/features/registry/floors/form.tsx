import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import type { Floor } from '../../../api/types';
import { EntityLabel } from '../../../components/EntityLabel';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields } from '../formHelpers';

interface FloorValues {
  buildingId: string;
  code: string;
  name: string;
  level: number | string;
}

function FloorFields({ form }: FieldsProps<FloorValues>) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <TextInput label={t('entities.floors.fields.code')} required maxLength={16} {...form.getInputProps('code')} />
      <TextInput label={t('entities.floors.fields.name')} required {...form.getInputProps('name')} />
      <NumberInput
        label={t('entities.floors.fields.level')}
        description={t('entities.floors.levelHint')}
        required
        allowDecimal={false}
        min={-20}
        max={200}
        {...form.getInputProps('level')}
      />
    </SimpleGrid>
  );
}

export const floorForm: RegistryFormConfig<Floor, FloorValues> = {
  entity: 'floors',
  listPath: (params) => `/registry/buildings/${params.buildingId ?? ''}`,
  crumbs: (params, _item, t) => [
    { label: t('entities.buildings.title'), to: '/registry/buildings' },
    { label: <EntityLabel entity="buildings" id={params.buildingId} />, to: `/registry/buildings/${params.buildingId ?? ''}` },
  ],
  empty: (params) => ({ buildingId: params.buildingId ?? '', code: '', name: '', level: 0 }),
  fromItem: (f) => ({ buildingId: f.buildingId, code: f.code, name: f.name, level: f.level }),
  toBody: (v, mode) => ({
    ...(mode === 'create' ? { buildingId: v.buildingId } : {}),
    code: v.code.trim(),
    name: v.name.trim(),
    level: Number(v.level),
  }),
  validate: (v, t) => {
    const errors = requireFields(v, ['code', 'name'], t);
    if (v.level === '' || !Number.isInteger(Number(v.level))) errors.level = t('form.invalidInteger');
    return errors;
  },
  Fields: FloorFields,
};
