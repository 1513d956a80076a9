import type { RegistryItem } from '../../api/types';
import { useMe } from '../../api/me';
import { canWrite } from '../../app/permissions';
import { useT } from '../../i18n/messages';
import { NewEntityButton, RegistryList } from './RegistryList';
import type { RegistryListConfig } from './types';

/** A registry page: title, "New …" for those who may create, and the list. */
export function RegistryListPage<T extends RegistryItem>({ config }: { config: RegistryListConfig<T> }) {
  const t = useT();
  const { data: me } = useMe();
  const mayCreate = canWrite(me, config.entity) && !!config.newPath;
  return (
    <RegistryList
      config={config}
      canCreate={mayCreate}
      header={{
        title: t(`entities.${config.entity}.title`),
        description: t(`entities.${config.entity}.description`),
        actions: mayCreate ? <NewEntityButton config={config} /> : null,
      }}
    />
  );
}
