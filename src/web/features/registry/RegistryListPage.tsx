import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RegistryItem } from '../../api/types';
import { useMe } from '../../api/me';
import { canWrite } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { RegistryList } from './RegistryList';
import type { RegistryListConfig } from './types';

/** A registry page: title, "New …" for those who may create, and the list. */
export function RegistryListPage<T extends RegistryItem>({ config }: { config: RegistryListConfig<T> }) {
  const t = useT();
  const { data: me } = useMe();
  const mayCreate = canWrite(me, config.entity) && !!config.newPath;
  return (
    <>
      <PageHeader
        title={t(`entities.${config.entity}.title`)}
        description={t(`entities.${config.entity}.description`)}
        actions={
          mayCreate && config.newPath ? (
            <Button component={Link} to={config.newPath} leftSection={<IconPlus size={16} aria-hidden />}>
              {t(`entities.${config.entity}.new`)}
            </Button>
          ) : null
        }
      />
      <RegistryList config={config} canCreate={mayCreate} />
    </>
  );
}
