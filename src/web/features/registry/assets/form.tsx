import { SimpleGrid, TextInput } from '@mantine/core';
import type { Asset } from '../../../api/types';
import { EntitySelect } from '../../../components/EntitySelect';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields, textOrNull } from '../formHelpers';

interface AssetValues {
  code: string;
  name: string;
  technologyClassId: string | null;
  buildingId: string | null;
  spaceId: string | null;
  serialNumber: string;
}

function AssetFields({ form }: FieldsProps<AssetValues>) {
  const t = useT();
  const buildingId = form.values.buildingId;
  const building = form.getInputProps('buildingId');
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.assets.fields.code')} required maxLength={64} {...form.getInputProps('code')} />
        <TextInput label={t('entities.assets.fields.name')} required {...form.getInputProps('name')} />
      </SimpleGrid>
      <EntitySelect
        entity="technologyClasses"
        label={t('entities.assets.fields.technologyClassId')}
        required
        {...form.getInputProps('technologyClassId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <EntitySelect
          entity="buildings"
          label={t('entities.assets.fields.buildingId')}
          required
          {...building}
          onChange={(value) => {
            form.setFieldValue('buildingId', value);
            form.setFieldValue('spaceId', null);
          }}
        />
        <EntitySelect
          key={buildingId ?? 'none'}
          entity="spaces"
          label={t('entities.assets.fields.spaceId')}
          description={buildingId ? undefined : t('entities.assets.spaceNeedsBuilding')}
          disabled={!buildingId}
          params={{ buildingId: buildingId ?? undefined }}
          {...form.getInputProps('spaceId')}
        />
      </SimpleGrid>
      <TextInput label={t('entities.assets.fields.serialNumber')} {...form.getInputProps('serialNumber')} />
    </>
  );
}

export const assetForm: RegistryFormConfig<Asset, AssetValues> = {
  entity: 'assets',
  listPath: () => '/registry/assets',
  empty: () => ({ code: '', name: '', technologyClassId: null, buildingId: null, spaceId: null, serialNumber: '' }),
  fromItem: (a) => ({
    code: a.code,
    name: a.name,
    technologyClassId: a.technologyClassId,
    buildingId: a.buildingId,
    spaceId: a.spaceId,
    serialNumber: a.serialNumber ?? '',
  }),
  toBody: (v) => ({
    code: v.code.trim(),
    name: v.name.trim(),
    technologyClassId: v.technologyClassId,
    buildingId: v.buildingId,
    spaceId: v.spaceId,
    serialNumber: textOrNull(v.serialNumber),
  }),
  validate: (v, t) => requireFields(v, ['code', 'name', 'technologyClassId', 'buildingId'], t),
  Fields: AssetFields,
};
