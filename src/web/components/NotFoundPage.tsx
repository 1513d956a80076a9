import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/messages';
import { PageHeader } from './PageHeader';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('errors.notFoundTitle')} />
      <Text>
        {t('errors.notFoundPage')}{' '}
        <Anchor component={Link} to="/">
          {t('errors.backHome')}
        </Anchor>
      </Text>
    </>
  );
}
