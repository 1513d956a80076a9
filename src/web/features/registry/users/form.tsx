import { Checkbox, PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { LANGUAGES, ROLES, type Language, type Role, type User } from '../../../api/types';
import { EntitySelect } from '../../../components/EntitySelect';
import { useT } from '../../../i18n/messages';
import type { FieldsProps, RegistryFormConfig } from '../formTypes';
import { checkEmail, requireFields, textOrNull } from '../formHelpers';

interface UserValues {
  username: string;
  displayName: string;
  email: string;
  phone: string;
  language: Language;
  roles: Role[];
  contractorId: string | null;
  departmentId: string | null;
  technician: boolean;
  password: string;
}

function UserFields({ form, mode }: FieldsProps<UserValues>) {
  const t = useT();
  const isContractor = form.values.roles.includes('contractor');
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('entities.users.fields.username')}
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <TextInput label={t('entities.users.fields.displayName')} required {...form.getInputProps('displayName')} />
        <TextInput label={t('entities.users.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('entities.users.fields.phone')} type="tel" {...form.getInputProps('phone')} />
        <Select
          label={t('entities.users.fields.language')}
          required
          allowDeselect={false}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          {...form.getInputProps('language')}
        />
        <PasswordInput
          label={t('entities.users.fields.password')}
          description={mode === 'create' ? t('entities.users.passwordHint') : t('entities.users.passwordKeepHint')}
          required={mode === 'create'}
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
          {...form.getInputProps('password')}
        />
      </SimpleGrid>
      <Checkbox.Group label={t('entities.users.fields.roles')} required {...form.getInputProps('roles')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
          {ROLES.map((r) => (
            <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {isContractor && (
          <EntitySelect
            entity="contractors"
            label={t('entities.users.fields.contractorId')}
            description={t('entities.users.contractorHint')}
            required
            {...form.getInputProps('contractorId')}
          />
        )}
        <EntitySelect entity="departments" label={t('entities.users.fields.departmentId')} {...form.getInputProps('departmentId')} />
      </SimpleGrid>
      {isContractor && (
        <Checkbox
          label={t('entities.users.fields.technician')}
          description={t('entities.users.technicianHint')}
          {...form.getInputProps('technician', { type: 'checkbox' })}
        />
      )}
    </>
  );
}

export const userForm: RegistryFormConfig<User, UserValues> = {
  entity: 'users',
  listPath: () => '/registry/users',
  empty: () => ({
    username: '',
    displayName: '',
    email: '',
    phone: '',
    language: 'it',
    roles: [],
    contractorId: null,
    departmentId: null,
    technician: false,
    password: '',
  }),
  fromItem: (u) => ({
    username: u.username,
    displayName: u.displayName,
    email: u.email ?? '',
    phone: u.phone ?? '',
    language: u.language,
    roles: [...u.roles],
    contractorId: u.contractorId,
    departmentId: u.departmentId,
    technician: u.technician,
    password: '',
  }),
  toBody: (v) => {
    const body: Record<string, unknown> = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      email: textOrNull(v.email),
      phone: textOrNull(v.phone),
      language: v.language,
      roles: ROLES.filter((r) => v.roles.includes(r)),
      contractorId: v.roles.includes('contractor') ? v.contractorId : null,
      departmentId: v.departmentId,
      // Only a contractor's user can be its technician: leaving the role clears the flag.
      technician: v.roles.includes('contractor') && v.technician,
    };
    if (v.password) body.password = v.password;
    return body;
  },
  validate: (v, t, mode) => {
    const errors = requireFields(v, ['username', 'displayName', 'roles'], t);
    if (mode === 'create' && !v.password) errors.password = t('form.required');
    if (v.roles.includes('contractor') && !v.contractorId) errors.contractorId = t('entities.users.contractorRequired');
    checkEmail(errors, 'email', v.email, t);
    return errors;
  },
  Fields: UserFields,
};
