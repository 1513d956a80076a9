import { useEffect, useState } from 'react';
import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { login, meKey, useMe, type Credentials } from '../../api/me';
import { isApiError } from '../../api/problem';
import { useT } from '../../i18n/messages';
import { problemMessage } from '../../components/problemMessage';
import { FullPageLoader } from '../../components/FullPageLoader';
import { focusFirstError } from '../../components/focusFirstError';
import { LanguageSelect } from './LanguageSelect';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [target] = useState(() => redirectTarget(location.state));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  const form = useForm<Credentials>({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('login.usernameRequired')),
      password: (v) => (v ? null : t('login.passwordRequired')),
    },
  });

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (signedIn) => {
      queryClient.setQueryData(meKey, signedIn);
      void navigate(target, { replace: true });
    },
    onError: () => form.setFieldValue('password', ''),
  });

  if (me.isPending) return <FullPageLoader />;
  if (me.data) return <Navigate to={target} replace />;

  const error = mutation.error;
  // A 429 (per address, or the back-off of this username from here) says how long to wait in its detail.
  const errorTitle = isApiError(error) && error.status === 429 ? t('login.rateLimitedTitle') : t('login.failedTitle');

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Box w="100%" maw={420}>
        <header>
          <Text ta="center" fw={700} fz={32} c="primary.7">
            {t('app.name')}
          </Text>
          <Text ta="center" c="dimmed" mb="md">
            {t('app.tagline')}
          </Text>
        </header>
        <main>
          <Paper withBorder shadow="sm" p="lg" radius="md">
            <form
              noValidate
              aria-labelledby="login-title"
              onSubmit={form.onSubmit(
                (values) => mutation.mutate({ ...values, username: values.username.trim() }),
                (errors) => focusFirstError(errors),
              )}
            >
              <Stack>
                <Title order={1} size="h3" id="login-title">
                  {t('login.title')}
                </Title>
                {error && (
                  <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={errorTitle}>
                    {problemMessage(error, t)}
                  </Alert>
                )}
                <TextInput
                  label={t('login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  withAsterisk
                  data-autofocus
                  {...form.getInputProps('username')}
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  withAsterisk
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={mutation.isPending} leftSection={<IconLock size={18} aria-hidden />} fullWidth>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Box mt="lg">
            <LanguageSelect />
          </Box>
        </main>
      </Box>
    </Center>
  );
}
