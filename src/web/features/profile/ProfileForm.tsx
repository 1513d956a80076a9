import { useState } from 'react';
import { notify } from '../../components/notify';
import { Alert, Button, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meKey, updateMe, type MePatch } from '../../api/me';
import { LANGUAGES, type Language, type Me } from '../../api/types';
import { isLanguage } from '../../i18n';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { focusFirstError } from '../../components/focusFirstError';
import { ProblemAlert } from '../../components/ProblemAlert';
import { checkEmail, requireFields, textOrNull } from '../registry/formHelpers';
import { changedFields, mapServerErrors } from '../registry/serverErrors';

interface ProfileValues {
  displayName: string;
  email: string;
  phone: string;
  language: Language;
}

const valuesOf = (me: Me): ProfileValues => ({
  displayName: me.displayName,
  email: me.email ?? '',
  phone: me.phone ?? '',
  language: me.language,
});

const bodyOf = (v: ProfileValues): MePatch => ({
  displayName: v.displayName.trim(),
  email: textOrNull(v.email),
  phone: textOrNull(v.phone),
  language: v.language,
});

/** Display name, e-mail, phone and language, saved with PATCH /api/me. */
export function ProfileForm({ me }: { me: Me }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [shownFields, setShownFields] = useState<ReadonlySet<string>>(new Set());
  const form = useForm<ProfileValues>({
    initialValues: valuesOf(me),
    validate: (v) => {
      const errors = requireFields(v, ['displayName'], t);
      checkEmail(errors, 'email', v.email, t);
      return errors;
    },
  });

  const save = useMutation({
    mutationFn: async (values: ProfileValues): Promise<Me | null> => {
      const changes = changedFields(bodyOf(valuesOf(me)) as Record<string, unknown>, bodyOf(values) as Record<string, unknown>);
      // The API refuses an empty change (400 emptyChange): nothing to send, nothing to save.
      if (Object.keys(changes).length === 0) return null;
      return updateMe(changes as MePatch);
    },
    onMutate: () => setShownFields(new Set()),
    onSuccess: (saved, values) => {
      if (!saved) {
        notify(t('form.noChanges'), 'info');
        return;
      }
      queryClient.setQueryData(meKey, saved);
      // #7: a new address is not saved but awaits its link; the field shows the one in use.
      form.setValues(valuesOf(saved));
      form.resetDirty(valuesOf(saved));
      const asked = textOrNull(values.email);
      notify(asked && saved.pendingEmail === asked ? t('account.confirmSent', { email: asked }) : t('profile.saved'));
    },
    onError: (error, values) => {
      const { formErrors, shown } = mapServerErrors(error, values);
      form.setErrors(formErrors);
      setShownFields(shown);
      focusFirstError(formErrors);
    },
  });

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="profile-data-title">
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => save.mutate(values),
          (errors) => focusFirstError(errors),
        )}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="profile-data-title">
            {t('profile.dataTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('form.requiredNote')}
          </Text>
          {save.isError && <ProblemAlert error={save.error} shownFields={shownFields} title={t('form.saveFailed')} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('profile.displayName')} required autoComplete="name" {...form.getInputProps('displayName')} />
            <TextInput
              label={t('profile.email')}
              description={t('account.emailHint')}
              type="email"
              autoComplete="email"
              {...form.getInputProps('email')}
            />
            <TextInput label={t('profile.phone')} type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
            <Select
              label={t('profile.language')}
              description={t('profile.languageHint')}
              required
              allowDeselect={false}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              {...form.getInputProps('language')}
              onChange={(value) => {
                if (isLanguage(value)) form.setFieldValue('language', value);
              }}
            />
          </SimpleGrid>
          {me.pendingEmail && (
            <Alert color="blue" variant="light" icon={<IconMailForward aria-hidden />} title={t('account.pendingTitle')} role="status">
              <Text size="sm">
                {t('account.pendingText', { email: me.pendingEmail, until: format.dateTime(me.pendingEmailExpiresAt) })}
              </Text>
              {me.email && <Text size="sm">{t('account.pendingCurrent', { email: me.email })}</Text>}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              {t('form.save')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
