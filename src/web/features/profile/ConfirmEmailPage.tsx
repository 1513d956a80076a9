import { useEffect, useState } from 'react';
import { Alert, Anchor, Box, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { confirmEmail } from '../../api/account';
import { problemMessage } from '../../components/problemMessage';
import { useT } from '../../i18n/messages';
import { LanguageSelect } from '../auth/LanguageSelect';

/**
 * Opened from the link mailed to a new address (#7), in any browser, logged in or not. The token
 * sits in the fragment, which browsers never send to a server, and is posted only when the person
 * presses "Confirm": a mail scanner that opens the link confirms nothing.
 */
export function ConfirmEmailPage() {
  const t = useT();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim());
  const confirm = useMutation({ mutationFn: () => confirmEmail(token) });

  useEffect(() => {
    document.title = `${t('account.confirm.title')} · ${t('app.name')}`;
  }, [t]);

  let content;
  if (!token) {
    content = (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('account.confirm.invalidTitle')} role="alert">
        {t('account.confirm.missing')}
      </Alert>
    );
  } else if (confirm.isSuccess) {
    content = (
      <Stack>
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title={t('account.confirm.doneTitle')} role="status">
          {t('account.confirm.done', { email: confirm.data.email })}
        </Alert>
        <Anchor component={Link} to="/profile">
          {t('account.confirm.toProfile')}
        </Anchor>
      </Stack>
    );
  } else if (confirm.isError) {
    content = (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('account.confirm.invalidTitle')} role="alert">
        {problemMessage(confirm.error, t)}
      </Alert>
    );
  } else {
    content = (
      <Stack>
        <Text>{t('account.confirm.intro')}</Text>
        <div>
          <Button
            size="md"
            loading={confirm.isPending}
            leftSection={<IconMailCheck size={18} aria-hidden />}
            onClick={() => confirm.mutate()}
          >
            {t('account.confirm.submit')}
          </Button>
        </div>
      </Stack>
    );
  }

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Box w="100%" maw={560}>
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
            <Stack>
              <Title order={1} size="h3">
                {t('account.confirm.title')}
              </Title>
              {content}
            </Stack>
          </Paper>
          <Box mt="lg">
            <LanguageSelect />
          </Box>
        </main>
      </Box>
    </Center>
  );
}
