import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { CreatedApiToken } from '../../api/types';
import { useT } from '../../i18n/messages';

/** The new token, shown this once only, with a copy button. */
export function NewTokenAlert({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  const t = useT();
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('tokens.createdTitle', { name: token.name })}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('tokens.showOnceWarning')}
        </Text>
        <Text size="sm" id="new-token-label">
          {t('tokens.value')}
        </Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.token}
        </Code>
        <Group gap="sm">
          <CopyButton value={token.token} timeout={3000}>
            {({ copied, copy }) => (
              <Button
                size="sm"
                color={copied ? 'green' : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="sm" variant="default" onClick={onDismiss}>
            {t('tokens.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
