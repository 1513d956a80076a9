import { SimpleGrid, TextInput } from '@mantine/core';
import { DateField } from '../../../components/inputs/DateField';
import type { Contractor } from '../../../api/types';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { checkEmail, requireFields, textOrNull } from '../formHelpers';
import { isValidItalianVat } from './vat';

interface ContractorValues {
  name: string;
  vatNumber: string;
  pec: string;
  email: string;
  phone: string;
  /** The DURC's last valid day (YYYY-MM-DD), null: not recorded. */
  durcValidUntil: string | null;
}

function ContractorFields({ form }: FieldsProps<ContractorValues>) {
  const t = useT();
  return (
    <>
      <TextInput label={t('entities.contractors.fields.name')} required {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('entities.contractors.fields.vatNumber')}
          description={t('entities.contractors.vatHint')}
          required
          inputMode="numeric"
          maxLength={16}
          {...form.getInputProps('vatNumber')}
        />
        <TextInput
          label={t('entities.contractors.fields.pec')}
          description={t('entities.contractors.pecHint')}
          type="email"
          required
          {...form.getInputProps('pec')}
        />
        <TextInput label={t('entities.contractors.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('entities.contractors.fields.phone')} type="tel" {...form.getInputProps('phone')} />
        <DateField
          label={t('entities.contractors.fields.durcValidUntil')}
          description={t('entities.contractors.durcHint')}
          {...form.getInputProps('durcValidUntil')}
        />
      </SimpleGrid>
    </>
  );
}

export const contractorForm: RegistryFormConfig<Contractor, ContractorValues> = {
  entity: 'contractors',
  listPath: () => '/registry/contractors',
  empty: () => ({ name: '', vatNumber: '', pec: '', email: '', phone: '', durcValidUntil: null }),
  fromItem: (c) => ({
    name: c.name,
    vatNumber: c.vatNumber,
    pec: c.pec,
    email: c.email ?? '',
    phone: c.phone ?? '',
    durcValidUntil: c.durcValidUntil ?? null,
  }),
  toBody: (v) => ({
    name: v.name.trim(),
    vatNumber: v.vatNumber.replace(/\s+/g, ''),
    pec: v.pec.trim(),
    email: textOrNull(v.email),
    phone: textOrNull(v.phone),
    durcValidUntil: v.durcValidUntil || null,
  }),
  validate: (v, t) => {
    const errors = requireFields(v, ['name', 'vatNumber', 'pec'], t);
    const vat = v.vatNumber.replace(/\s+/g, '');
    if (/^\d{11}$/.test(vat) && !isValidItalianVat(vat)) errors.vatNumber = t('entities.contractors.vatInvalid');
    checkEmail(errors, 'pec', v.pec, t);
    checkEmail(errors, 'email', v.email, t);
    return errors;
  },
  Fields: ContractorFields,
};
