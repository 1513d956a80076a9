import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import { useT } from '../i18n/messages';

/** Someone saved the object after we read it: offer to load what is stored now. */
export function VersionConflictAlert({ onReload, reloading }: { onReload: () => void; reloading?: boolean }) {
  const t = useT();
  return (
    <Alert color="orange" variant="light" role="alert" icon={<IconUsers aria-hidden />} title={t('form.conflictTitle')}>
      <Text size="sm">{t('form.conflictMessage')}</Text>
      <Group mt="sm">
        <Button
          size="sm"
          variant="filled"
          color="orange"
          onClick={onReload}
          loading={reloading}
          leftSection={<IconRefresh size={16} aria-hidden />}
        >
          {t('form.conflictReload')}
        </Button>
      </Group>
    </Alert>
  );
}
