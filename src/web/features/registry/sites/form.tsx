import { SimpleGrid, TextInput } from '@mantine/core';
import type { Site } from '../../../api/types';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { requireFields, textOrNull } from '../formHelpers';

interface SiteValues {
  code: string;
  name: string;
  city: string;
  patronSaint: string;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function SiteFields({ form }: FieldsProps<SiteValues>) {
  const t = useT();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.sites.fields.code')} required maxLength={32} {...form.getInputProps('code')} />
        <TextInput label={t('entities.sites.fields.name')} required {...form.getInputProps('name')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('entities.sites.fields.city')} required {...form.getInputProps('city')} />
        <TextInput
          label={t('entities.sites.fields.patronSaint')}
          description={t('entities.sites.patronSaintHint')}
          maxLength={5}
          inputMode="numeric"
          {...form.getInputProps('patronSaint')}
        />
      </SimpleGrid>
    </>
  );
}

export const siteForm: RegistryFormConfig<Site, SiteValues> = {
  entity: 'sites',
  listPath: () => '/registry/sites',
  empty: () => ({ code: '', name: '', city: '', patronSaint: '' }),
  fromItem: (s) => ({ code: s.code, name: s.name, city: s.city, patronSaint: s.patronSaint ?? '' }),
  toBody: (v) => ({ code: v.code.trim(), name: v.name.trim(), city: v.city.trim(), patronSaint: textOrNull(v.patronSaint) }),
  validate: (v, t) => {
    const errors = requireFields(v, ['code', 'name', 'city'], t);
    if (v.patronSaint.trim() && !MONTH_DAY.test(v.patronSaint.trim())) errors.patronSaint = t('entities.sites.patronSaintInvalid');
    return errors;
  },
  Fields: SiteFields,
};
