import { useState } from 'react';
import { Button, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword, sessionsKey } from '../../api/account';
import { tokensKey } from '../../api/me';
import { notify } from '../../components/notify';
import { focusFirstError } from '../../components/focusFirstError';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n/messages';
import { mapServerErrors } from '../registry/serverErrors';

/** The server's minimum (registry users, create-admin): checked here too for a quicker answer. */
const PASSWORD_MIN = 10;

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

const EMPTY: PasswordValues = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** Own password change (#7): the current one is asked; other sessions and every token are revoked. */
export function PasswordSection() {
  const t = useT();
  const queryClient = useQueryClient();
  const [shownFields, setShownFields] = useState<ReadonlySet<string>>(new Set());
  const form = useForm<PasswordValues>({
    initialValues: EMPTY,
    validate: {
      currentPassword: (v) => (v ? null : t('form.required')),
      newPassword: (v) =>
        !v ? t('form.required') : v.length < PASSWORD_MIN ? t('account.password.tooShort', { min: PASSWORD_MIN }) : null,
      repeatPassword: (v, values) => (v === values.newPassword ? null : t('account.password.mismatch')),
    },
  });

  const save = useMutation({
    mutationFn: (v: PasswordValues) => changePassword(v.currentPassword, v.newPassword),
    onMutate: () => setShownFields(new Set()),
    onSuccess: (result) => {
      form.reset();
      notify(t('account.password.changed', { sessions: result.revokedSessions, tokens: result.revokedTokens }));
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (error, values) => {
      const { formErrors, shown } = mapServerErrors(error, values);
      form.setErrors(formErrors);
      setShownFields(shown);
      focusFirstError(formErrors);
    },
  });

  const toggle = { 'aria-label': t('account.password.show') };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="password-title">
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => save.mutate(values),
          (errors) => focusFirstError(errors),
        )}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="password-title">
            {t('account.password.title')}
          </Title>
          <Text size="sm">{t('account.password.description')}</Text>
          {save.isError && <ProblemAlert error={save.error} shownFields={shownFields} title={t('form.saveFailed')} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <PasswordInput
              label={t('account.password.current')}
              autoComplete="current-password"
              required
              visibilityToggleButtonProps={toggle}
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('account.password.new')}
              description={t('account.password.newHint', { min: PASSWORD_MIN })}
              autoComplete="new-password"
              required
              visibilityToggleButtonProps={toggle}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('account.password.repeat')}
              autoComplete="new-password"
              required
              visibilityToggleButtonProps={toggle}
              {...form.getInputProps('repeatPassword')}
            />
          </SimpleGrid>
          <div>
            <Button type="submit" loading={save.isPending} leftSection={<IconLock size={16} aria-hidden />}>
              {t('account.password.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
