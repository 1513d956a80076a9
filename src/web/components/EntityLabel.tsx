import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTITY_API, useRegistryItem } from '../api/registry';
import type { RegistryItem } from '../api/types';
import type { EntityKey } from '../app/permissions';
import { useT } from '../i18n/messages';
import { entityLabel } from './entityLabels';

/** The name of a referenced registry object, fetched (and cached) by id. */
export function EntityLabel({ entity, id, fallback }: { entity: EntityKey; id: string | null | undefined; fallback?: string }) {
  const t = useT();
  const { i18n } = useTranslation();
  const query = useRegistryItem<RegistryItem>(ENTITY_API[entity], id);
  if (!id) return <Text span>—</Text>;
  if (query.isPending)
    return (
      <Text span c="dimmed">
        {t('common.loadingShort')}
      </Text>
    );
  if (query.isError || !query.data) {
    // Not visible to this user (e.g. a requester and departments): say what is known.
    return fallback ? (
      <Text span inherit>
        {fallback}
      </Text>
    ) : (
      <Text span c="dimmed">
        {t('common.unavailable')}
      </Text>
    );
  }
  return (
    <Text span inherit>
      {entityLabel(entity, query.data, i18n.language)}
    </Text>
  );
}
