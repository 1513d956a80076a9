import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMe } from '../api/me';
import type { Me } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n/messages';

/** Shows the page only to users the rule admits; the server would refuse the others anyway. */
export function RequireAccess({ allow, children }: { allow: (me: Me) => boolean; children: ReactNode }) {
  const t = useT();
  const { data: me } = useMe();
  if (me && allow(me)) return <>{children}</>;
  return (
    <>
      <PageHeader title={t('errors.forbiddenTitle')} />
      <Alert color="orange" variant="light" icon={<IconLock aria-hidden />}>
        {t('errors.forbiddenPage')}
      </Alert>
    </>
  );
}
