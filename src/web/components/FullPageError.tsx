import { Button, Center, Stack, Title } from '@mantine/core';
import { useT } from '../i18n/messages';
import { ProblemAlert } from './ProblemAlert';

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Center mih="100vh" p="md">
      <main>
        <Stack maw={480}>
          <Title order={1} size="h2">
            {t('errors.pageTitle')}
          </Title>
          <ProblemAlert error={error} />
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </Stack>
      </main>
    </Center>
  );
}
