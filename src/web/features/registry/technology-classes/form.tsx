import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { DM37_LETTERS, type Dm37Letter, type TechnologyClass } from '../../../api/types';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields } from '../formHelpers';
import { RequiredDocuments } from './RequiredDocuments';

interface TechnologyClassValues {
  code: string;
  nameIt: string;
  nameEn: string;
  dm37Letter: Dm37Letter | null;
}

function TechnologyClassFields({ form }: FieldsProps<TechnologyClassValues>) {
  const t = useT();
  return (
    <>
      <TextInput label={t('entities.technologyClasses.fields.code')} required maxLength={32} maw={320} {...form.getInputProps('code')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.technologyClasses.fields.nameIt')} lang="it" required {...form.getInputProps('nameIt')} />
        <TextInput label={t('entities.technologyClasses.fields.nameEn')} lang="en" required {...form.getInputProps('nameEn')} />
      </SimpleGrid>
      <Select
        label={t('entities.technologyClasses.fields.dm37Letter')}
        description={t('entities.technologyClasses.dm37Hint')}
        placeholder={t('entities.technologyClasses.dm37.none')}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        data={DM37_LETTERS.map((l) => ({ value: l, label: t(`entities.technologyClasses.dm37.${l}`) }))}
        {...form.getInputProps('dm37Letter')}
      />
    </>
  );
}

export const technologyClassForm: RegistryFormConfig<TechnologyClass, TechnologyClassValues> = {
  entity: 'technologyClasses',
  listPath: () => '/registry/technology-classes',
  empty: () => ({ code: '', nameIt: '', nameEn: '', dm37Letter: null }),
  fromItem: (c) => ({ code: c.code, nameIt: c.nameIt, nameEn: c.nameEn, dm37Letter: c.dm37Letter }),
  toBody: (v) => ({ code: v.code.trim(), nameIt: v.nameIt.trim(), nameEn: v.nameEn.trim(), dm37Letter: v.dm37Letter }),
  validate: (v, t) => requireFields(v, ['code', 'nameIt', 'nameEn'], t),
  Fields: TechnologyClassFields,
  Below: RequiredDocuments,
};
