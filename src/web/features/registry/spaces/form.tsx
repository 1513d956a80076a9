import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { Space } from '../../../api/types';
import { EntityLabel } from '../../../components/EntityLabel';
import { EntitySelect } from '../../../components/EntitySelect';
import { useNumberSeparators } from '../../../i18n/format';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields, textOrNull } from '../formHelpers';

interface SpaceValues {
  buildingId: string;
  floorId: string | null;
  code: string;
  name: string;
  use: string;
  areaM2: number | string;
  /** #10 item 3: what the central-vs-department cost-allocation rule reads ('' = not classified). */
  allocationKind: string;
  departmentId: string | null;
}

const KINDS = ['department_own', 'teaching', 'common'] as const;

function SpaceFields({ form }: FieldsProps<SpaceValues>) {
  const t = useT();
  const separators = useNumberSeparators();
  return (
    <>
      <EntitySelect
        entity="floors"
        label={t('entities.spaces.fields.floorId')}
        required
        params={{ buildingId: form.values.buildingId }}
        {...form.getInputProps('floorId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.spaces.fields.code')} required maxLength={32} {...form.getInputProps('code')} />
        <TextInput label={t('entities.spaces.fields.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('entities.spaces.fields.use')} description={t('entities.spaces.useHint')} {...form.getInputProps('use')} />
        <NumberInput
          label={t('entities.spaces.fields.areaM2')}
          {...separators}
          decimalScale={2}
          allowNegative={false}
          hideControls
          inputMode="decimal"
          rightSection={<span aria-hidden>m²</span>}
          {...form.getInputProps('areaM2')}
        />
        <Select
          label={t('entities.spaces.fields.allocationKind')}
          description={t('entities.spaces.allocationKindHint')}
          clearable
          data={KINDS.map((k) => ({ value: k, label: t(`entities.spaces.allocationKinds.${k}`) }))}
          value={form.values.allocationKind || null}
          onChange={(v) => form.setFieldValue('allocationKind', v ?? '')}
        />
        <EntitySelect entity="departments" label={t('entities.spaces.fields.departmentId')} {...form.getInputProps('departmentId')} />
      </SimpleGrid>
    </>
  );
}

export const spaceForm: RegistryFormConfig<Space, SpaceValues> = {
  entity: 'spaces',
  listPath: (params) => `/registry/buildings/${params.buildingId ?? ''}`,
  crumbs: (params, _item, t) => [
    { label: t('entities.buildings.title'), to: '/registry/buildings' },
    { label: <EntityLabel entity="buildings" id={params.buildingId} />, to: `/registry/buildings/${params.buildingId ?? ''}` },
  ],
  empty: (params) => ({
    buildingId: params.buildingId ?? '',
    floorId: null,
    code: '',
    name: '',
    use: '',
    areaM2: '',
    allocationKind: '',
    departmentId: null,
  }),
  fromItem: (s) => ({
    buildingId: s.buildingId,
    floorId: s.floorId,
    code: s.code,
    name: s.name,
    use: s.use ?? '',
    areaM2: s.areaM2 ?? '',
    allocationKind: s.allocationKind ?? '',
    departmentId: s.departmentId ?? null,
  }),
  toBody: (v, mode) => ({
    ...(mode === 'create' ? { buildingId: v.buildingId } : {}),
    floorId: v.floorId,
    code: v.code.trim(),
    name: v.name.trim(),
    use: textOrNull(v.use),
    areaM2: v.areaM2 === '' ? null : Number(v.areaM2),
    allocationKind: v.allocationKind === '' ? null : v.allocationKind,
    departmentId: v.departmentId || null,
  }),
  validate: (v, t) => requireFields(v, ['floorId', 'code', 'name'], t),
  Fields: SpaceFields,
};
