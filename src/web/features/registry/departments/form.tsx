import { SimpleGrid, TextInput } from '@mantine/core';
import type { Department } from '../../../api/types';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields } from '../formHelpers';

interface DepartmentValues {
  code: string;
  name: string;
  costCentre: string;
}

function DepartmentFields({ form }: FieldsProps<DepartmentValues>) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t('entities.departments.fields.code')} required maxLength={32} {...form.getInputProps('code')} />
      <TextInput label={t('entities.departments.fields.name')} required {...form.getInputProps('name')} />
      <TextInput label={t('entities.departments.fields.costCentre')} required {...form.getInputProps('costCentre')} />
    </SimpleGrid>
  );
}

export const departmentForm: RegistryFormConfig<Department, DepartmentValues> = {
  entity: 'departments',
  listPath: () => '/registry/departments',
  empty: () => ({ code: '', name: '', costCentre: '' }),
  fromItem: (d) => ({ code: d.code, name: d.name, costCentre: d.costCentre }),
  toBody: (v) => ({ code: v.code.trim(), name: v.name.trim(), costCentre: v.costCentre.trim() }),
  validate: (v, t) => requireFields(v, ['code', 'name', 'costCentre'], t),
  Fields: DepartmentFields,
};
